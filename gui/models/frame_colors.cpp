#include "gui/models/frame_colors.h"

#include <algorithm>
#include <cmath>

namespace iolab::gui {
namespace {

struct HueRange {
    int first;
    int span;
};

HueRange hueRange(FrameKind kind) {
    switch (kind) {
    case FrameKind::Kernel:
        return {8, 40}; // red to orange
    case FrameKind::Module:
        return {70, 60}; // yellow-green to green
    case FrameKind::User:
        return {185, 45}; // cyan to light blue
    }
    return {0, 360};
}

} // namespace

std::uint32_t fnv1a(std::string_view text) {
    std::uint32_t hash = 2166136261u;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash;
}

QColor frameColor(const Frame& frame) {
    const std::uint32_t hash = fnv1a(frame.symbol);
    const HueRange range = hueRange(frame.kind);
    const int hue = range.first + static_cast<int>(hash % static_cast<std::uint32_t>(range.span));
    // User hues (blue) read worse under black text, so they get less saturation.
    const int baseSaturation = frame.kind == FrameKind::User ? 60 : 110;
    const int saturation = baseSaturation + static_cast<int>((hash >> 8) % 70);
    const int value = 215 + static_cast<int>((hash >> 16) % 40);
    return QColor::fromHsv(hue, saturation, value);
}

QColor changeColor(double change, double scale) {
    const double strength = scale > 0 ? std::clamp(std::abs(change) / scale, 0.0, 1.0) : 0.0;
    const int fade = 255 - static_cast<int>(std::lround(strength * 200.0));
    return change >= 0 ? QColor(255, fade, fade) : QColor(fade, fade, 255);
}

} // namespace iolab::gui
