#include "gui/models/flame_tree.h"

#include "analyzer/analysis/profile_events.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace iolab::gui {
namespace {

const Frame kRootFrame{"all", "", FrameKind::User};

} // namespace

FlameTree FlameTree::build(const StackProfile& profile, std::string_view event,
                           FlameDirection direction) {
    analysis::CallTreeOptions options;
    options.event = std::string(event);
    options.direction = direction == FlameDirection::TopDown
                            ? analysis::CallTreeDirection::TopDown
                            : analysis::CallTreeDirection::BottomUp;
    return fromCallTree(analysis::buildCallTree(profile, options));
}

FlameTree FlameTree::fromCallTree(analysis::CallTree callTree) {
    FlameTree tree;
    tree.m_direction = callTree.direction == analysis::CallTreeDirection::TopDown
                           ? FlameDirection::TopDown
                           : FlameDirection::BottomUp;
    tree.m_nodes.resize(callTree.nodes.size());
    for (std::size_t i = 0; i < callTree.nodes.size(); ++i) {
        const analysis::CallTreeNode& from = callTree.nodes[i];
        FlameNode& to = tree.m_nodes[i];
        to.parent = i == analysis::CallTree::kRoot ? -1 : static_cast<std::int32_t>(from.parent);
        to.frame = static_cast<std::int32_t>(from.frame);
        to.depth = static_cast<std::int32_t>(from.depth);
        to.self = from.self;
        to.total = from.total;
        to.children.assign(from.children.begin(), from.children.end());
        tree.m_maxDepth = std::max(tree.m_maxDepth, to.depth);
    }
    tree.m_frames = std::make_shared<const std::vector<Frame>>(std::move(callTree.frames));
    tree.sortAndCost();
    return tree;
}

FlameTree FlameTree::fromNodes(std::vector<FlameNode> nodes, std::vector<Frame> frames,
                               FlameDirection direction) {
    FlameTree tree;
    tree.m_direction = direction;
    tree.m_nodes = std::move(nodes);
    for (const FlameNode& node : tree.m_nodes) {
        tree.m_maxDepth = std::max(tree.m_maxDepth, node.depth);
    }
    tree.m_frames = std::make_shared<const std::vector<Frame>>(std::move(frames));
    tree.sortAndCost();
    return tree;
}

void FlameTree::sortAndCost() {
    const std::vector<Frame>& frameList = *m_frames;
    const auto byName = [&](std::int32_t a, std::int32_t b) {
        const Frame& fa = frameList[static_cast<std::size_t>(node(a).frame)];
        const Frame& fb = frameList[static_cast<std::size_t>(node(b).frame)];
        return std::tie(fa.symbol, fa.module) < std::tie(fb.symbol, fb.module);
    };
    for (FlameNode& n : m_nodes) {
        std::sort(n.children.begin(), n.children.end(), byName);
    }
    // Function costs: a node's total counts towards its frame's inclusive cost unless an
    // ancestor has the same frame (recursion); one depth-first walk keeps the open frames.
    m_functions.assign(frameList.size(), {});
    std::vector<std::int32_t> open(frameList.size(), 0);
    std::vector<std::pair<std::int32_t, bool>> stack{{0, false}};
    while (!stack.empty()) {
        const auto [index, leaving] = stack.back();
        stack.pop_back();
        const FlameNode& n = node(index);
        if (n.frame >= 0) {
            auto& openFrames = open[static_cast<std::size_t>(n.frame)];
            if (leaving) {
                --openFrames;
                continue;
            }
            FunctionCost& cost = m_functions[static_cast<std::size_t>(n.frame)];
            if (openFrames == 0) {
                cost.inclusive += n.total;
            }
            ++openFrames;
            stack.push_back({index, true});
            if (m_direction == FlameDirection::TopDown) {
                cost.self += n.self;
            } else if (n.depth == 1) {
                cost.self += n.total;
            }
        }
        for (const std::int32_t c : n.children) {
            stack.push_back({c, false});
        }
    }
}

const Frame& FlameTree::frameOf(std::int32_t index) const {
    const std::int32_t frame = node(index).frame;
    return frame < 0 ? kRootFrame : (*m_frames)[static_cast<std::size_t>(frame)];
}

std::vector<std::int32_t> FlameTree::pathTo(std::int32_t index) const {
    std::vector<std::int32_t> path;
    for (std::int32_t n = index; n >= 0; n = node(n).parent) {
        path.push_back(n);
    }
    std::reverse(path.begin(), path.end());
    return path;
}

std::vector<std::string> eventsBySamples(const StackProfile& profile) {
    std::vector<std::string> events = analysis::profileEvents(profile);
    std::map<std::string, std::uint64_t> counts;
    for (const Sample& sample : profile.samples) {
        counts[sample.event] += sample.count;
    }
    std::stable_sort(events.begin(), events.end(),
                     [&](const auto& a, const auto& b) { return counts[a] > counts[b]; });
    return events;
}

} // namespace iolab::gui
