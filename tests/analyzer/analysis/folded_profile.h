#pragma once

#include "analyzer/model/stack_profile_builder.h"

#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::test {

// Builds a profile from folded-stack lines ("main;read;copy 5", outermost frame first), all in
// `event` of process "app". A frame "sym@mod" gets module "mod", otherwise module "app"; modules
// ending in ".ko" are Module frames, "[kernel.kallsyms]" Kernel frames.
inline StackProfile foldedProfile(std::string_view text, const std::string& event = "cpu-clock",
                                  const std::string& process = "app") {
    StackProfileBuilder builder;
    std::istringstream lines{std::string(text)};
    std::string line;
    while (std::getline(lines, line)) {
        if (line.find_first_not_of(" \t") == std::string::npos) {
            continue;
        }
        const std::size_t space = line.rfind(' ');
        if (space == std::string::npos) {
            throw std::invalid_argument("folded line without a count: " + line);
        }
        const std::uint64_t count = std::stoull(line.substr(space + 1));
        std::vector<Frame> frames;
        std::istringstream stack(line.substr(line.find_first_not_of(' '), space));
        std::string name;
        while (std::getline(stack, name, ';')) {
            Frame frame{name, "app", FrameKind::User};
            if (const std::size_t at = name.find('@'); at != std::string::npos) {
                frame.symbol = name.substr(0, at);
                frame.module = name.substr(at + 1);
            }
            if (frame.module.ends_with(".ko")) {
                frame.kind = FrameKind::Module;
            } else if (frame.module == "[kernel.kallsyms]") {
                frame.kind = FrameKind::Kernel;
            }
            frames.push_back(frame);
        }
        builder.addSample(frames, event, process, 1, count);
    }
    return builder.take();
}

// One profile holding the samples and edges of all `profiles` (frames and nodes re-interned),
// for profiles with several events or processes.
inline StackProfile mergeProfiles(const std::vector<StackProfile>& profiles) {
    StackProfileBuilder builder;
    for (const StackProfile& profile : profiles) {
        for (const Sample& sample : profile.samples) {
            std::vector<Frame> frames;
            for (std::int64_t at = sample.node; at != StackNode::kNoParent;
                 at = profile.nodes[static_cast<std::size_t>(at)].parent) {
                const auto& node = profile.nodes[static_cast<std::size_t>(at)];
                frames.insert(frames.begin(), profile.frames[static_cast<std::size_t>(node.frame)]);
            }
            builder.addSample(frames, sample.event, sample.process, sample.pid, sample.count);
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
