#include "analyzer/model/duration_text.h"

#include <cmath>
#include <cstdio>

namespace iolab {
namespace {

std::string withUnit(double value, int decimals, const char* unit) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f%s", decimals, value, unit);
    return text;
}

} // namespace

std::string formatDuration(double ns) {
    const double magnitude = std::abs(ns);
    if (magnitude < 1e3) {
        return withUnit(ns, 0, "ns");
    }
    if (magnitude < 1e6) {
        return withUnit(ns / 1e3, magnitude < 1e4 ? 2 : 1, "µs");
    }
    if (magnitude < 1e9) {
        return withUnit(ns / 1e6, magnitude < 1e7 ? 2 : 1, "ms");
    }
    return withUnit(ns / 1e9, 2, "s");
}

} // namespace iolab
