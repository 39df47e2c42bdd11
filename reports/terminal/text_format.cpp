#include "reports/terminal/text_format.h"

#include "analyzer/model/duration_text.h"

#include <algorithm>
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

namespace {

std::size_t displayColumns(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

} // namespace

std::string alignColumns(const std::vector<std::vector<std::string>>& rows,
                         const std::function<bool(std::size_t, std::size_t)>& left) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], displayColumns(row[i]));
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string pad(widths[i] - displayColumns(row[i]), ' ');
            line += (i == 0 ? "" : "  ") + (left(i, row.size()) ? row[i] + pad : pad + row[i]);
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    }
    return out;
}

} // namespace iolab::terminal
