#include "analyzer/analysis/folded_export.h"

#include "analyzer/analysis/process_scope.h"
#include "analyzer/errors.h"

#include <map>
#include <vector>

namespace iolab::analysis {
namespace {

// ';' separates frames and '\n' lines in the folded format: neither may appear in a name.
// Unsymbolized frames keep their module ("[unknown] fio") so that flamegraph.pl does not merge
// unknown code of different binaries.
std::string frameText(const Frame& frame) {
    std::string text = frameLabel(frame);
    for (char& c : text) {
        if (c == ';') {
            c = ':';
        } else if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    if (frame.kind != FrameKind::User) {
        text += "_[k]";
    }
    return text;
}

} // namespace

std::string defaultFoldedEvent(const StackProfile& profile) {
    std::map<std::string, std::uint64_t> totals;
    std::vector<std::string> order;
    for (const Sample& sample : profile.samples) {
        const auto [it, added] = totals.try_emplace(sample.event, 0);
        if (added) {
            order.push_back(sample.event);
        }
        it->second += sample.count;
    }
    std::string best;
    std::uint64_t bestTotal = 0;
    for (const std::string& event : order) {
        if (best.empty() || totals[event] > bestTotal) {
            best = event;
            bestTotal = totals[event];
        }
    }
    return best;
}

std::string exportFolded(const StackProfile& profile, const FoldedExportOptions& options) {
    const std::string event = options.event.empty() ? defaultFoldedEvent(profile) : options.event;
    std::vector<std::string> frameTexts;
    frameTexts.reserve(profile.frames.size());
    for (const Frame& frame : profile.frames) {
        frameTexts.push_back(frameText(frame));
    }
    // Only the sampled stacks' paths are spelled out, each once: memory follows the output, not
    // the number of nodes times their depth.
    std::map<std::string, std::uint64_t> lines;
    std::vector<std::int64_t> outerFirst;
    std::string path;
    for (const Sample& sample : profile.samples) {
        if (sample.event != event || sample.count == 0) {
            continue;
        }
        outerFirst.clear();
        for (std::int64_t at = sample.node; at != StackNode::kNoParent;
             at = profile.nodes[at].parent) {
            outerFirst.push_back(profile.nodes[at].frame);
        }
        path.clear();
        for (auto frame = outerFirst.rbegin(); frame != outerFirst.rend(); ++frame) {
            path += frame == outerFirst.rbegin() ? "" : ";";
            path += frameTexts[*frame];
        }
        lines[path] += sample.count;
    }
    if (lines.empty()) {
        throw InputError(event.empty() ? "the run has no stack samples"
                                       : "the run has no stack samples of event '" + event + "'");
    }
    std::string text;
    for (const auto& [path, count] : lines) {
        text += path;
        text += ' ';
        text += std::to_string(count);
        text += '\n';
    }
    return text;
}

} // namespace iolab::analysis
