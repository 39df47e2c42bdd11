#include "analyzer/analysis/call_tree.h"

#include "analyzer/analysis/profile_events.h"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace iolab::analysis {
namespace {

// Grows a CallTree node by node, interning each (parent, frame) child once.
class TreeAssembler {
public:
    TreeAssembler(const StackProfile& profile, const CallTreeOptions& options)
        : m_profile(profile)
        , m_frames(profile.frames.size(), CallTreeNode::kNoFrame) {
        m_tree.event = options.event;
        m_tree.direction = options.direction;
        m_tree.nodes.emplace_back();
        m_children.reserve(profile.nodes.size());
        m_tree.nodes.reserve(profile.nodes.size() + 1);
    }

    // The child of `parent` for the profile frame `profileFrame` (already canonical).
    std::size_t child(std::size_t parent, std::int64_t profileFrame) {
        const std::int64_t frame = treeFrame(profileFrame);
        const std::uint64_t key = static_cast<std::uint64_t>(parent) * m_profile.frames.size() +
                                  static_cast<std::uint64_t>(frame);
        const auto [it, added] = m_children.try_emplace(key, m_tree.nodes.size());
        if (added) {
            CallTreeNode node;
            node.frame = frame;
            node.parent = parent;
            node.depth = m_tree.nodes[parent].depth + 1;
            m_tree.nodes.push_back(node);
            m_tree.nodes[parent].children.push_back(it->second);
        }
        return it->second;
    }

    CallTreeNode& node(std::size_t index) { return m_tree.nodes[index]; }

    CallTree finish() {
        for (CallTreeNode& node : m_tree.nodes) {
            std::sort(node.children.begin(), node.children.end(),
                      [this](std::size_t left, std::size_t right) { return before(left, right); });
        }
        return std::move(m_tree);
    }

private:
    std::int64_t treeFrame(std::int64_t profileFrame) {
        std::int64_t& frame = m_frames[static_cast<std::size_t>(profileFrame)];
        if (frame == CallTreeNode::kNoFrame) {
            frame = static_cast<std::int64_t>(m_tree.frames.size());
            m_tree.frames.push_back(m_profile.frames[static_cast<std::size_t>(profileFrame)]);
        }
        return frame;
    }

    bool before(std::size_t left, std::size_t right) const {
        const CallTreeNode& a = m_tree.nodes[left];
        const CallTreeNode& b = m_tree.nodes[right];
        if (a.total != b.total) {
            return a.total > b.total;
        }
        const Frame& fa = m_tree.frameOf(a);
        const Frame& fb = m_tree.frameOf(b);
        return std::tie(fa.symbol, fa.module, fa.kind) < std::tie(fb.symbol, fb.module, fb.kind);
    }

    const StackProfile& m_profile;
    CallTree m_tree;
    std::vector<std::int64_t> m_frames; // profile frame -> tree frame
    // (parent node, tree frame) -> child node, keyed parent * frame count + frame.
    std::unordered_map<std::uint64_t, std::size_t> m_children;
};

// Samples of the event (and process) per prefix-tree node.
std::vector<std::uint64_t> selfCounts(const StackProfile& profile, const CallTreeOptions& options) {
    std::vector<std::uint64_t> self(profile.nodes.size(), 0);
    for (const Sample& sample : profile.samples) {
        if (sample.event != options.event ||
            (!options.process.empty() && sample.process != options.process)) {
            continue;
        }
        self[static_cast<std::size_t>(sample.node)] += sample.count;
    }
    return self;
}

CallTree buildTopDown(const StackProfile& profile, const CallTreeOptions& options,
                      const std::vector<std::uint64_t>& self,
                      const std::vector<std::int64_t>& canonical) {
    // Nodes are stored parents first, so one backward pass gives every subtree's total.
    std::vector<std::uint64_t> total = self;
    for (std::size_t i = profile.nodes.size(); i-- > 0;) {
        const std::int64_t parent = profile.nodes[i].parent;
        if (parent != StackNode::kNoParent) {
            total[static_cast<std::size_t>(parent)] += total[i];
        }
    }
    TreeAssembler assembler(profile, options);
    std::vector<std::size_t> treeNodeOf(profile.nodes.size(), CallTree::kRoot);
    for (std::size_t i = 0; i < profile.nodes.size(); ++i) {
        if (total[i] == 0) {
            continue;
        }
        const StackNode& stackNode = profile.nodes[i];
        const std::size_t parent = stackNode.parent == StackNode::kNoParent
                                       ? CallTree::kRoot
                                       : treeNodeOf[static_cast<std::size_t>(stackNode.parent)];
        const std::size_t node =
            assembler.child(parent, canonical[static_cast<std::size_t>(stackNode.frame)]);
        treeNodeOf[i] = node;
        assembler.node(node).self += self[i];
        assembler.node(node).total += total[i];
        if (parent == CallTree::kRoot) {
            assembler.node(CallTree::kRoot).total += total[i];
        }
    }
    return assembler.finish();
}

CallTree buildBottomUp(const StackProfile& profile, const CallTreeOptions& options,
                       const std::vector<std::uint64_t>& self,
                       const std::vector<std::int64_t>& canonical) {
    TreeAssembler assembler(profile, options);
    for (std::size_t i = 0; i < profile.nodes.size(); ++i) {
        if (self[i] == 0) {
            continue;
        }
        assembler.node(CallTree::kRoot).total += self[i];
        std::size_t node = CallTree::kRoot;
        for (std::int64_t at = static_cast<std::int64_t>(i); at != StackNode::kNoParent;
             at = profile.nodes[static_cast<std::size_t>(at)].parent) {
            const StackNode& stackNode = profile.nodes[static_cast<std::size_t>(at)];
            node = assembler.child(node, canonical[static_cast<std::size_t>(stackNode.frame)]);
            assembler.node(node).total += self[i];
        }
        assembler.node(node).self += self[i];
    }
    return assembler.finish();
}

} // namespace

CallTree buildCallTree(const StackProfile& profile, const CallTreeOptions& options) {
    const std::vector<std::uint64_t> self = selfCounts(profile, options);
    const std::vector<std::int64_t> canonical = canonicalFrames(profile);
    return options.direction == CallTreeDirection::TopDown
               ? buildTopDown(profile, options, self, canonical)
               : buildBottomUp(profile, options, self, canonical);
}

} // namespace iolab::analysis
