#pragma once

#include "gui/models/flame_tree.h"

#include <cstdint>
#include <vector>

class QRegularExpression;

namespace iolab::gui {

enum class FlameOrder { ByName, ByTotal };

struct FlameLayoutOptions {
    std::int32_t zoom = 0; // the node shown at full width; its ancestors stay above it
    FlameOrder order = FlameOrder::ByName;
    double min_width = 0; // narrower frames (and what they hold) are left out
};

// One frame of the picture: x and width are fractions of the full width, depth counts from the
// root (0).
struct FlameRect {
    double x = 0;
    double width = 0;
    std::int32_t depth = 0;
    std::int32_t node = 0;

    bool operator==(const FlameRect&) const = default;
};

// Lays out the tree: each frame's width is its share of the zoomed node's samples, children
// side by side from the parent's left edge in the requested order. Rects come parents first.
std::vector<FlameRect> layoutFlame(const FlameTree& tree, const FlameLayoutOptions& options);

struct FlameSearch {
    std::vector<bool> matched; // per node
    std::int32_t matches = 0;  // matched nodes
    std::uint64_t samples = 0; // samples under any match, nested matches counted once
    double share = 0;          // samples / all samples
};

// Nodes whose symbol matches `pattern`; an invalid or empty pattern matches nothing.
FlameSearch searchFlame(const FlameTree& tree, const QRegularExpression& pattern);

} // namespace iolab::gui
