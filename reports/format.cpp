#include "reports/format.h"

#include "analyzer/analysis/run_figures.h"
#include "analyzer/model/duration_text.h"

#include <cmath>
#include <cstdio>

namespace iolab::reports {
namespace {

std::string scaled(double value, const char* const* suffixes, int count, double step) {
    int index = 0;
    double shown = value;
    while (std::abs(shown) >= step && index + 1 < count) {
        shown /= step;
        ++index;
    }
    const int digits = index == 0 ? 0 : (std::abs(shown) < 10 ? 2 : 1);
    return fixed(shown, digits) + suffixes[index];
}

std::string percentileLabel(const std::string& metric) {
    const std::size_t dot = metric.rfind(".p");
    return dot == std::string::npos ? metric : metric.substr(dot + 1);
}

} // namespace

std::string escapeMarkup(const std::string& text) {
    std::string escaped;
    for (const char c : text) {
        switch (c) {
        case '&':
            escaped += "&amp;";
            break;
        case '<':
            escaped += "&lt;";
            break;
        case '>':
            escaped += "&gt;";
            break;
        case '"':
            escaped += "&quot;";
            break;
        case '\'':
            escaped += "&#39;";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

std::string shortSymbol(const std::string& symbol, std::size_t width) {
    if (symbol.size() <= width || width < 4) {
        return symbol;
    }
    return symbol.substr(0, width - 3) + "...";
}

std::string fixed(double value, int digits) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", digits, value);
    return text;
}

std::string formatValue(const MetricComparison& metric, double value) {
    return formatValue(metric.unit, value);
}

std::string formatValue(const std::string& unit, double value) {
    static const char* const kSi[] = {"", "k", "M", "G"};
    static const char* const kBytes[] = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};
    if (unit == "IOPS") {
        return scaled(value, kSi, 4, 1000);
    }
    if (unit == "B/s") {
        return scaled(value, kBytes, 5, 1024);
    }
    if (unit == "ns" || unit == "ns per IO") {
        return formatDuration(value);
    }
    return fixed(value, std::abs(value) < 10 ? 3 : 1);
}

std::string runInterval(const MetricComparison& metric, const SideFigures& side) {
    if (!side.run_ci95 || *side.run_ci95 <= 0) {
        return "";
    }
    return " ± " + formatValue(metric, *side.run_ci95) + " (95%)";
}

std::string formatMeanSpread(const MetricComparison& metric, const SideFigures& side) {
    if (side.values.empty()) {
        return "-";
    }
    if (side.moments.n < 2) {
        return formatValue(metric, side.moments.mean) + runInterval(metric, side);
    }
    return formatValue(metric, side.moments.mean) + " ± " +
           formatValue(metric, side.moments.stddev);
}

std::string formatPercent(std::optional<double> percent) {
    if (!percent) {
        return "n/a";
    }
    const double rounded = std::round(*percent * 10) / 10;
    return (rounded > 0 ? "+" : "") + fixed(rounded == 0 ? 0.0 : rounded, 1) + "%";
}

std::string formatDrift(const BaselineDrift& drift) {
    const std::string trend = "drift " + formatPercent(drift.trend_percent) + "/run ± " +
                              fixed(drift.trend_half_width_percent, 1);
    if (!drift.significant) {
        return trend + ": no significant drift";
    }
    return trend + " (p " +
           formatP(drift.trend ? std::optional(drift.trend->p_value) : std::nullopt) +
           "): the machine drifted during the sweep";
}

std::string formatInterval(const MetricComparison& metric) {
    if (!metric.ci_low_percent || !metric.ci_high_percent) {
        return "-";
    }
    return formatPercent(metric.ci_low_percent) + " .. " + formatPercent(metric.ci_high_percent);
}

std::string formatP(std::optional<double> p) {
    if (!p) {
        return "-";
    }
    if (*p < 0.001) {
        return "< 0.001";
    }
    return fixed(*p, 3);
}

std::string formatThreshold(std::optional<double> threshold) {
    if (!threshold) {
        return "off";
    }
    const bool whole = *threshold == std::floor(*threshold);
    return fixed(*threshold, whole ? 0 : 1) + "%";
}

std::string metricLabel(const MetricComparison& metric) {
    return metricLabel(metric.metric);
}

std::string metricLabel(const std::string& metric) {
    if (metric == "iops") {
        return "IOPS";
    }
    if (metric == "bw") {
        return "bandwidth";
    }
    if (metric.starts_with("clat.")) {
        return "clat " + percentileLabel(metric);
    }
    if (metric.starts_with("block.")) {
        // block.total_ns.p99 -> "total p99"
        const std::string name = metric.substr(6, metric.find("_ns") - 6);
        return name + " " + percentileLabel(metric);
    }
    if (metric == "allocs_per_io") {
        return "allocations";
    }
    if (metric == "clock_reads_per_io") {
        return "clock reads";
    }
    if (metric == "lock_wait_ns_per_io") {
        return "lock wait";
    }
    return metric;
}

std::string assessmentLabel(Assessment assessment) {
    switch (assessment) {
    case Assessment::Unchanged:
        return "ok";
    case Assessment::Improvement:
        return "improvement";
    case Assessment::Regression:
        return "regression";
    case Assessment::NotSignificant:
        return "noise";
    case Assessment::NotGated:
        return "not gated";
    case Assessment::Missing:
        return "missing";
    }
    return "?";
}

LockRowText lockRowText(const LockGroupChange& change) {
    const double base = change.baseline_wait_ns.moments.mean;
    const double candidate = change.candidate_wait_ns.moments.mean;
    return {
        counterText(change.baseline_waits.moments.mean),
        counterText(change.candidate_waits.moments.mean), formatDuration(base),
        formatDuration(candidate),
        formatPercent(base == 0 ? std::nullopt : std::optional(100.0 * (candidate - base) / base))};
}

std::string lockTableTitle(const Comparison& comparison) {
    return "Contended locks by " +
           std::string(analysis::toString(comparison.options.lock_grouping)) + ", per IO";
}

} // namespace iolab::reports
