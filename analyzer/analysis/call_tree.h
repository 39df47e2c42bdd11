#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace iolab::analysis {

// Which way a call tree hangs.
// - TopDown: the root's children are the outermost frames (main, thread starts, syscall entry);
//   each node's children are the functions it called.
// - BottomUp (inverted): the root's children are the innermost frames, where samples landed; each
//   node's children are the functions that called it along the sampled stacks.
enum class CallTreeDirection { TopDown, BottomUp };

// One node of an aggregated call tree. Counts are samples (or period units) of one event.
struct CallTreeNode {
    static constexpr std::int64_t kNoFrame = -1;
    static constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

    std::int64_t frame = kNoFrame;  // index into CallTree::frames; kNoFrame for the root
    std::size_t parent = kNoParent; // index into CallTree::nodes; kNoParent for the root
    std::size_t depth = 0;          // 0 for the root, 1 for its children
    // TopDown: samples whose innermost frame is this node (the function itself was running).
    // BottomUp: samples whose whole stack is this path, i.e. this node is the outermost caller.
    std::uint64_t self = 0;
    // Samples whose stack passes through this path: self plus the children's totals.
    std::uint64_t total = 0;
    // Indices into CallTree::nodes, sorted by total descending, then symbol, then module, so the
    // same profile always gives the same tree.
    std::vector<std::size_t> children;
};

// A call tree aggregated from a profile's prefix tree for one event. Identical frame paths are
// merged across processes (and across frames a source stored twice), so a function reached the
// same way from two processes is one node. The tree owns copies of the frames it uses, so it
// can outlive the profile (e.g. a GUI model built off the UI thread).
struct CallTree {
    static constexpr std::size_t kRoot = 0;

    std::string event;
    CallTreeDirection direction = CallTreeDirection::TopDown;
    std::vector<Frame> frames;       // the distinct frames the nodes refer to
    std::vector<CallTreeNode> nodes; // nodes[kRoot] is the root; a parent precedes its children

    const CallTreeNode& root() const { return nodes[kRoot]; }
    // All samples of the event (and process filter) in the tree.
    std::uint64_t total() const { return nodes[kRoot].total; }
    // The frame of a non-root node.
    const Frame& frameOf(const CallTreeNode& node) const {
        return frames[static_cast<std::size_t>(node.frame)];
    }
};

struct CallTreeOptions {
    // The event whose samples are counted; required (see profileEvents()).
    std::string event;
    CallTreeDirection direction = CallTreeDirection::TopDown;
    // Only samples of this process (Sample::process) when not empty; all processes otherwise.
    std::string process;
};

// Builds the tree of `options.event`. A profile without samples of that event gives a tree with
// a root of total 0 and no children. Call edges (opreport -c) are not stacks and are not used
// here; see call_graph.h for them.
CallTree buildCallTree(const StackProfile& profile, const CallTreeOptions& options);

} // namespace iolab::analysis
