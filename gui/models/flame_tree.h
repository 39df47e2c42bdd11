#pragma once

#include "analyzer/analysis/call_tree.h"
#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::gui {

// Top-down: children are callees, the root's children the outermost frames. Bottom-up: children
// are callers, the root's children the innermost (leaf) frames.
enum class FlameDirection { TopDown, BottomUp };

struct FlameNode {
    std::int32_t parent = -1;
    std::int32_t frame = -1;            // index into FlameTree::frames(); -1 for the root
    std::int32_t depth = 0;             // 0 for the root
    std::uint64_t self = 0;             // samples whose path ends here
    std::uint64_t total = 0;            // samples through this node
    std::vector<std::int32_t> children; // sorted by symbol, then module (flame graph order)
};

// Per function (frame) figures of the whole profile; inclusive counts a sample once even when
// the function recurses.
struct FunctionCost {
    std::uint64_t self = 0;
    std::uint64_t inclusive = 0;
};

// The merged stacks of one event of a profile, as a tree with sample counts. Node 0 is the root
// ("all"); nodes are stored parents first. Building it is the heavy part of showing a flame
// graph, so views build it off the UI thread and then share it read-only.
class FlameTree {
public:
    FlameTree() = default;
    static FlameTree build(const StackProfile& profile, std::string_view event,
                           FlameDirection direction);
    // Takes the analyzer's call tree over, re-sorting children by name.
    static FlameTree fromCallTree(analysis::CallTree tree);
    // From nodes stored parents first (node 0 the root, totals filled in); children get sorted.
    static FlameTree fromNodes(std::vector<FlameNode> nodes, std::vector<Frame> frames,
                               FlameDirection direction);

    FlameDirection direction() const { return m_direction; }
    const std::vector<FlameNode>& nodes() const { return m_nodes; }
    const FlameNode& node(std::int32_t index) const {
        return m_nodes[static_cast<std::size_t>(index)];
    }
    const std::vector<Frame>& frames() const { return *m_frames; }
    const std::vector<FunctionCost>& functionCosts() const { return m_functions; }
    // The frame of a node; the root has a synthetic frame "all".
    const Frame& frameOf(std::int32_t index) const;
    std::uint64_t totalSamples() const { return m_nodes.empty() ? 0 : m_nodes.front().total; }
    std::int32_t maxDepth() const { return m_maxDepth; }
    // Nodes from the root down to `index`, both included.
    std::vector<std::int32_t> pathTo(std::int32_t index) const;

private:
    void sortAndCost();

    FlameDirection m_direction = FlameDirection::TopDown;
    std::vector<FlameNode> m_nodes;
    std::shared_ptr<const std::vector<Frame>> m_frames = std::make_shared<std::vector<Frame>>();
    std::vector<FunctionCost> m_functions;
    std::int32_t m_maxDepth = 0;
};

// The events of a profile, the one with the most samples first.
std::vector<std::string> eventsBySamples(const StackProfile& profile);

} // namespace iolab::gui
