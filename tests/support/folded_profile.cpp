#include "tests/support/folded_profile.h"

#include "analyzer/importers/folded.h"
#include "analyzer/model/stack_profile_builder.h"

#include <sstream>

namespace iolab::test {
namespace {

// The frames of a sample's stack, outermost first.
std::vector<Frame> stackOf(const StackProfile& profile, const Sample& sample) {
    std::vector<Frame> frames;
    for (std::int64_t at = sample.node; at != StackNode::kNoParent;
         at = profile.nodes[static_cast<std::size_t>(at)].parent) {
        const auto& node = profile.nodes[static_cast<std::size_t>(at)];
        frames.insert(frames.begin(), profile.frames[static_cast<std::size_t>(node.frame)]);
    }
    return frames;
}

// Test literals are indented with the code; folded lines are not.
std::string withoutIndentation(std::string_view text) {
    std::istringstream lines{std::string(text)};
    std::string folded;
    std::string line;
    while (std::getline(lines, line)) {
        folded.append(line, std::min(line.find_first_not_of(" \t"), line.size()));
        folded += '\n';
    }
    return folded;
}

void placeInModule(Frame& frame) {
    if (const std::size_t at = frame.symbol.find('@'); at != std::string::npos) {
        frame.module = frame.symbol.substr(at + 1);
        frame.symbol.resize(at);
        if (frame.module.ends_with(".ko")) {
            frame.kind = FrameKind::Module;
        } else if (frame.module == "[kernel.kallsyms]") {
            frame.kind = FrameKind::Kernel;
        }
        return;
    }
    frame.module = frame.kind == FrameKind::Kernel ? "[kernel.kallsyms]" : "app";
}

} // namespace

StackProfile foldedProfile(std::string_view text, const std::string& event,
                           const std::string& process, std::int64_t pid) {
    std::istringstream stream(withoutIndentation(text));
    RunRecord imported;
    importers::FoldedImporter().import({stream, "folded literal"}, imported);
    StackProfileBuilder builder;
    for (const Sample& sample : imported.profile.samples) {
        std::vector<Frame> frames = stackOf(imported.profile, sample);
        for (Frame& frame : frames) {
            placeInModule(frame);
        }
        builder.addSample(frames, event, process, pid, sample.count);
    }
    return builder.take();
}

StackProfile mergeProfiles(const std::vector<StackProfile>& profiles) {
    StackProfileBuilder builder;
    for (const StackProfile& profile : profiles) {
        for (const Sample& sample : profile.samples) {
            builder.addSample(stackOf(profile, sample), sample.event, sample.process, sample.pid,
                              sample.count);
        }
        for (const CallEdge& edge : profile.edges) {
            builder.addEdge(profile.frames[static_cast<std::size_t>(edge.caller)],
                            profile.frames[static_cast<std::size_t>(edge.callee)], edge.event,
                            edge.count);
        }
    }
    return builder.take();
}

} // namespace iolab::test
