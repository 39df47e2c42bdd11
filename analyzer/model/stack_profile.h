#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iolab {

enum class FrameKind { User, Kernel, Module };

struct Frame {
    std::string symbol; // "[unknown]" when not symbolized
    std::string module; // binary, library or kernel module; "[kernel.kallsyms]" for vmlinux
    FrameKind kind = FrameKind::User;

    auto operator<=>(const Frame&) const = default;
};

// A node of the prefix tree of stacks: the frame called by the node `parent`.
// Root nodes have parent kNoParent. Nodes are stored parents first.
struct StackNode {
    static constexpr std::int64_t kNoParent = -1;
    std::int64_t parent = kNoParent;
    std::int64_t frame = 0; // index into StackProfile::frames

    bool operator==(const StackNode&) const = default;
};

// `count` samples (or period units) of `event` whose innermost frame is `node`.
struct Sample {
    std::int64_t node = 0;
    std::string event;
    std::string process;
    std::int64_t pid = 0;
    std::uint64_t count = 0;

    bool operator==(const Sample&) const = default;
};

// A caller -> callee arc with its sample count, for sources (opreport -c) that give arcs
// rather than whole stacks.
struct CallEdge {
    std::int64_t caller = 0; // index into StackProfile::frames
    std::int64_t callee = 0;
    std::string event;
    std::uint64_t count = 0;

    bool operator==(const CallEdge&) const = default;
};

struct StackProfile {
    std::vector<Frame> frames;
    std::vector<StackNode> nodes;
    std::vector<Sample> samples;
    std::vector<CallEdge> edges;

    bool operator==(const StackProfile&) const = default;
};

} // namespace iolab

namespace iolab {

std::string_view toString(FrameKind kind);
// Throws std::invalid_argument for a name that is not a frame kind.
FrameKind frameKindFromString(std::string_view name);

} // namespace iolab
