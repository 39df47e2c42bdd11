#include "analyzer/analysis/run_figures.h"

#include <cmath>
#include <cstdio>

namespace iolab {

double clockReadCostNs(const RunRecord& record, std::string_view path) {
    for (const ClockSourceCost& source : record.clock_sources) {
        if (source.current) {
            return path == "syscall" ? source.syscall_ns : source.vdso_ns;
        }
    }
    return 0;
}

std::string counterText(double value) {
    char text[32];
    const char* format = std::floor(value) == value ? "%.0f"
                         : std::abs(value) >= 0.001 ? "%.3f"
                                                    : "%.3g";
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string estimateText(const analysis::Estimate& estimate, int decimals) {
    char value[48];
    std::snprintf(value, sizeof value, "%.*f", decimals, estimate.value);
    if (estimate.exact()) {
        return value;
    }
    if (!estimate.ci95) {
        return std::string(value) + " (no interval)";
    }
    char interval[48];
    std::snprintf(interval, sizeof interval, "%.*f", decimals, *estimate.ci95);
    return std::string(value) + " ± " + interval;
}

} // namespace iolab
