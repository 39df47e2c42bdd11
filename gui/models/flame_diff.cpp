#include "gui/models/flame_diff.h"

#include <algorithm>
#include <tuple>

namespace iolab::gui {
namespace {

double share(const FlameTree& tree, std::int32_t node) {
    return tree.totalSamples() > 0 ? static_cast<double>(tree.node(node).total) /
                                         static_cast<double>(tree.totalSamples())
                                   : 0.0;
}

// Children are sorted by (symbol, module), so the baseline child is found by binary search.
std::int32_t findChild(const FlameTree& tree, std::int32_t parent, const Frame& frame) {
    const auto& children = tree.node(parent).children;
    const auto key = std::tie(frame.symbol, frame.module);
    const auto it = std::lower_bound(children.begin(), children.end(), key,
                                     [&](std::int32_t child, const auto& wanted) {
                                         const Frame& f = tree.frameOf(child);
                                         return std::tie(f.symbol, f.module) < wanted;
                                     });
    if (it != children.end()) {
        const Frame& f = tree.frameOf(*it);
        if (std::tie(f.symbol, f.module) == key) {
            return *it;
        }
    }
    return -1;
}

} // namespace

std::vector<double> flameChanges(const FlameTree& candidate, const FlameTree& baseline) {
    std::vector<double> changes(candidate.nodes().size(), 0.0);
    if (candidate.nodes().empty()) {
        return changes;
    }
    std::vector<std::int32_t> match(candidate.nodes().size(), -1);
    match[0] = baseline.nodes().empty() ? -1 : 0;
    // Parents come first, so each node's parent is matched before the node.
    for (std::size_t i = 0; i < candidate.nodes().size(); ++i) {
        const auto index = static_cast<std::int32_t>(i);
        if (i > 0) {
            const std::int32_t parentMatch =
                match[static_cast<std::size_t>(candidate.node(index).parent)];
            match[i] =
                parentMatch >= 0 ? findChild(baseline, parentMatch, candidate.frameOf(index)) : -1;
        }
        changes[i] = share(candidate, index) - (match[i] >= 0 ? share(baseline, match[i]) : 0.0);
    }
    return changes;
}

} // namespace iolab::gui
