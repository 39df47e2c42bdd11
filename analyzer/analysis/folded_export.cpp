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
    std::vector<std::string> paths(profile.nodes.size());
    std::vector<bool> known(profile.nodes.size(), false);
    // Nodes are stored parents first, so a parent's path is ready before its children's.
    auto pathOf = [&](std::int64_t node) -> const std::string& {
        std::vector<std::int64_t> missing;
        for (std::int64_t at = node; at != StackNode::kNoParent && !known[at];
             at = profile.nodes[at].parent) {
            missing.push_back(at);
        }
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            const StackNode& current = profile.nodes[*it];
            std::string text = frameText(profile.frames[current.frame]);
            paths[*it] = current.parent == StackNode::kNoParent
                             ? std::move(text)
                             : paths[current.parent] + ";" + text;
            known[*it] = true;
        }
        return paths[node];
    };
    std::map<std::string, std::uint64_t> lines;
    for (const Sample& sample : profile.samples) {
        if (sample.event == event && sample.count > 0) {
            lines[pathOf(sample.node)] += sample.count;
        }
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
