#include "reports/html_flame_script.h"
#include "reports/format.h"
#include "reports/html_parts.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace iolab::reports {
namespace {

constexpr double kWidth = 1200;
constexpr double kFrameHeight = 18;
constexpr double kMinWidth = 0.5; // pixels: thinner frames are left out of the page

struct Layout {
    std::ostringstream frames;
    double max_change = 0;
    int depth = 0;
};

double change(const DiffFlameNode& node) {
    return node.candidate_share - node.baseline_share;
}

void measure(const DiffFlameNode& node, int depth, Layout& layout) {
    if (node.candidate_share * kWidth < kMinWidth) {
        return;
    }
    layout.max_change = std::max(layout.max_change, std::abs(change(node)));
    layout.depth = std::max(layout.depth, depth + 1);
    for (const DiffFlameNode& child : node.children) {
        measure(child, depth + 1, layout);
    }
}

// Red when the frame's share grew, blue when it shrank, pale when it held; saturation is the
// change relative to the largest change in the graph, so small graphs still show contrast.
std::string colour(const DiffFlameNode& node, double maxChange) {
    const double relative = maxChange > 0 ? change(node) / maxChange : 0;
    const int fade = static_cast<int>(std::lround(225 - 170 * std::min(1.0, std::abs(relative))));
    char text[16];
    if (relative > 0.02) {
        std::snprintf(text, sizeof text, "#%02x%02x%02x", 240, fade, fade);
    } else if (relative < -0.02) {
        std::snprintf(text, sizeof text, "#%02x%02x%02x", fade, fade, 240);
    } else {
        std::snprintf(text, sizeof text, "#%02x%02x%02x", 226, 222, 214);
    }
    return text;
}

std::string label(const std::string& name, double width) {
    const auto fits = static_cast<std::size_t>(std::max(0.0, (width - 6) / 7));
    if (fits < 3) {
        return "";
    }
    return name.size() <= fits ? name : name.substr(0, fits - 2) + "..";
}

void frame(const DiffFlameNode& node, double x, int depth, Layout& layout) {
    const double width = node.candidate_share * kWidth;
    if (width < kMinWidth) {
        return;
    }
    // Root at the top (an icicle): the wide frames that matter lead the page and deep stacks
    // grow downwards out of the way.
    const double y = depth * kFrameHeight + 1;
    const std::string name = node.symbol;
    const double delta = change(node) * 100;
    layout.frames << "<g class=\"f\" data-x=\"" << fixed(x / kWidth, 6) << "\" data-w=\""
                  << fixed(node.candidate_share, 6) << "\" data-d=\"" << depth << "\" data-n=\""
                  << escapeMarkup(name) << "\"><title>"
                  << escapeMarkup(name + (node.module.empty() ? "" : " (" + node.module + ")"))
                  << " — baseline " << fixed(node.baseline_share * 100, 2) << "%, candidate "
                  << fixed(node.candidate_share * 100, 2) << "% (" << (delta > 0 ? "+" : "")
                  << fixed(delta, 2) << " pp)</title><rect x=\"" << fixed(x, 1) << "\" y=\""
                  << fixed(y, 1) << "\" width=\"" << fixed(width, 1) << "\" height=\""
                  << fixed(kFrameHeight - 1, 1) << "\" fill=\"" << colour(node, layout.max_change)
                  << "\" rx=\"2\"/><text x=\"" << fixed(x + 3, 1) << "\" y=\"" << fixed(y + 13, 1)
                  << "\">" << escapeMarkup(label(name, width)) << "</text></g>\n";
    double childX = x;
    for (const DiffFlameNode& child : node.children) {
        frame(child, childX, depth + 1, layout);
        childX += child.candidate_share * kWidth;
    }
}

} // namespace

std::string diffFlameHtml(const Comparison& comparison) {
    if (comparison.cpu_event.empty() || comparison.flame.candidate_share <= 0) {
        return "";
    }
    Layout layout;
    measure(comparison.flame, 0, layout);
    const double height = layout.depth * kFrameHeight + 4;
    frame(comparison.flame, 0, 0, layout);
    std::ostringstream out;
    out << "<div class=\"flame-tools\"><button id=\"flame-reset\" type=\"button\">Reset "
           "zoom</button> <input id=\"flame-search\" type=\"search\" placeholder=\"search "
           "(regular expression)\"> <span id=\"flame-match\"></span></div>\n"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"flame\" data-width=\"" << kWidth
        << "\" viewBox=\"0 0 " << kWidth << " " << fixed(height, 0) << "\" width=\"100%\">\n"
        << layout.frames.str() << "</svg>\n<script>" << kFlameScript << "</script>\n";
    return out.str();
}

} // namespace iolab::reports
