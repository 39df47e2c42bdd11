#include "gui/models/flame_layout.h"

#include <QRegularExpression>
#include <algorithm>

namespace iolab::gui {

std::vector<FlameRect> layoutFlame(const FlameTree& tree, const FlameLayoutOptions& options) {
    std::vector<FlameRect> rects;
    if (tree.nodes().empty() || tree.totalSamples() == 0) {
        return rects;
    }
    const std::int32_t zoom =
        options.zoom >= 0 && static_cast<std::size_t>(options.zoom) < tree.nodes().size()
            ? options.zoom
            : 0;
    for (const std::int32_t ancestor : tree.pathTo(zoom)) {
        rects.push_back({0.0, 1.0, tree.node(ancestor).depth, ancestor});
    }
    const double scale =
        tree.node(zoom).total > 0 ? 1.0 / static_cast<double>(tree.node(zoom).total) : 0;
    std::vector<std::int32_t> ordered;
    // rects grows while we walk it: each rect lays out its children after itself.
    for (std::size_t i = rects.size() - 1; i < rects.size(); ++i) {
        const FlameRect parent = rects[i];
        const FlameNode& node = tree.node(parent.node);
        ordered = node.children;
        if (options.order == FlameOrder::ByTotal) {
            std::stable_sort(ordered.begin(), ordered.end(), [&](std::int32_t a, std::int32_t b) {
                return tree.node(a).total > tree.node(b).total;
            });
        }
        double x = parent.x;
        for (const std::int32_t child : ordered) {
            const double width = static_cast<double>(tree.node(child).total) * scale;
            if (width >= options.min_width && width > 0) {
                rects.push_back({x, width, parent.depth + 1, child});
            }
            x += width;
        }
    }
    return rects;
}

FlameSearch searchFlame(const FlameTree& tree, const QRegularExpression& pattern) {
    FlameSearch search;
    search.matched.assign(tree.nodes().size(), false);
    if (!pattern.isValid() || pattern.pattern().isEmpty()) {
        return search;
    }
    // Matching each distinct symbol once keeps searches of big trees interactive.
    std::vector<signed char> frameMatches(tree.frames().size(), -1);
    const auto frameMatch = [&](std::int32_t frame) {
        signed char& cached = frameMatches[static_cast<std::size_t>(frame)];
        if (cached < 0) {
            const auto& symbol = tree.frames()[static_cast<std::size_t>(frame)].symbol;
            cached = pattern.match(QString::fromStdString(symbol)).hasMatch() ? 1 : 0;
        }
        return cached == 1;
    };
    // Parents come first, so a node knows whether an ancestor matched already.
    std::vector<bool> underMatch(tree.nodes().size(), false);
    for (std::size_t i = 1; i < tree.nodes().size(); ++i) {
        const FlameNode& node = tree.nodes()[i];
        const bool inherited = underMatch[static_cast<std::size_t>(node.parent)];
        if (frameMatch(node.frame)) {
            search.matched[i] = true;
            ++search.matches;
            if (!inherited) {
                search.samples += node.total;
            }
        }
        underMatch[i] = inherited || search.matched[i];
    }
    if (tree.totalSamples() > 0) {
        search.share =
            static_cast<double>(search.samples) / static_cast<double>(tree.totalSamples());
    }
    return search;
}

} // namespace iolab::gui
