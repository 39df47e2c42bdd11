#include "reports/terminal/text_format.h"

#include "analyzer/model/duration_text.h"

#include <ctime>
#include <fmt/core.h>

namespace iolab::terminal {

std::string formatBytes(double bytes) {
    if (bytes < 1024) {
        return fmt::format("{:.0f}B", bytes);
    }
    if (bytes < 1024.0 * 1024) {
        return fmt::format("{:.1f}KiB", bytes / 1024);
    }
    if (bytes < 1024.0 * 1024 * 1024) {
        return fmt::format("{:.1f}MiB", bytes / (1024.0 * 1024));
    }
    return fmt::format("{:.2f}GiB", bytes / (1024.0 * 1024 * 1024));
}

std::string formatEstimate(const analysis::Estimate& estimate, int decimals) {
    const std::string value = fmt::format("{:.{}f}", estimate.value, decimals);
    if (estimate.exact()) {
        return value;
    }
    if (!estimate.ci95) {
        return value + " (no interval)";
    }
    return fmt::format("{} ± {:.{}f}", value, *estimate.ci95, decimals);
}

std::string formatMetricValue(const std::string& metric, double value) {
    if (metric.ends_with("_ns")) {
        return formatDuration(value);
    }
    if (metric.ends_with("_bytes")) {
        return formatBytes(value);
    }
    return fmt::format("{:.0f}", value);
}

std::string formatTimestamp(std::int64_t epochNs) {
    if (epochNs == 0) {
        return "-";
    }
    const std::time_t seconds = epochNs / 1'000'000'000;
    std::tm local{};
    localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &local);
    return text;
}

std::string formatDimensions(const std::map<std::string, std::string>& dimensions) {
    std::string text;
    for (const auto& [key, value] : dimensions) {
        if (!text.empty()) {
            text += ' ';
        }
        text.append(key).append("=").append(value);
    }
    return text;
}

} // namespace iolab::terminal
