#include "reports/terminal/history_view.h"

#include "reports/format.h"
#include "reports/terminal/text_format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace iolab::terminal {
namespace {

constexpr std::array<std::string_view, 8> kBlocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

// The chunk of a series of `size` points drawn in `width` columns that holds point `index`.
std::size_t columnOf(std::size_t index, std::size_t size, std::size_t width) {
    return index * width / size;
}

std::size_t columns(std::size_t size, std::size_t width) {
    return std::min(size, std::max<std::size_t>(width, 1));
}

std::string orDash(const std::string& text) {
    return text.empty() ? "-" : text;
}

std::string shortCommit(const std::string& commit) {
    return orDash(commit.substr(0, 12));
}

std::string percentChange(const ChangePoint& change) {
    return reports::formatPercent(change.relativeChange() * 100);
}

std::string metricName(const MetricHistory& history) {
    return history.metric == "iops" ? "IOPS" : history.metric;
}

void appendChangePoints(std::string& out, const MetricHistory& history) {
    if (history.change_points.empty()) {
        out += "  no change points\n";
        return;
    }
    out += fmt::format("  {:<8} {:<12} {:<12} {:<19}  {:>10} → {:<10} {:>7} {:>7}\n", "run",
                       "commit", "branch", "started", "before", "after", "change", "p");
    for (const ChangePoint& change : history.change_points) {
        const Run& run = history.points[change.index].run;
        out += fmt::format(
            "  {:<8} {:<12} {:<12} {:<19}  {:>10} → {:<10} {:>7} {:>7}  {}\n", run.id,
            shortCommit(run.provenance.commit), orDash(run.provenance.branch),
            formatTimestamp(run.start_ns), reports::formatValue(history.unit, change.mean_before),
            reports::formatValue(history.unit, change.mean_after), percentChange(change),
            reports::formatP(change.p_value), isWorse(history, change) ? "worse" : "better");
    }
}

void appendNewestRuns(std::string& out, const MetricHistory& history, std::size_t count) {
    const std::size_t first = history.points.size() - std::min(count, history.points.size());
    out += fmt::format("  newest runs:\n  {:<8} {:<12} {:<12} {:<19}  {:>10}\n", "run", "commit",
                       "branch", "started", metricName(history));
    for (std::size_t i = first; i < history.points.size(); ++i) {
        const HistoryPoint& point = history.points[i];
        const bool starts = std::any_of(history.change_points.begin(), history.change_points.end(),
                                        [i](const ChangePoint& c) { return c.index == i; });
        out += fmt::format("  {:<8} {:<12} {:<12} {:<19}  {:>10}{}\n", point.run.id,
                           shortCommit(point.run.provenance.commit),
                           orDash(point.run.provenance.branch), formatTimestamp(point.run.start_ns),
                           reports::formatValue(history.unit, point.value),
                           starts ? "  ◆ change point" : "");
    }
}

} // namespace

std::string sparkline(const std::vector<double>& values, std::size_t width) {
    if (values.empty()) {
        return {};
    }
    const std::size_t count = columns(values.size(), width);
    std::vector<double> sums(count, 0.0);
    std::vector<std::size_t> sizes(count, 0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::size_t column = columnOf(i, values.size(), count);
        sums[column] += values[i];
        ++sizes[column];
    }
    for (std::size_t c = 0; c < count; ++c) {
        sums[c] /= static_cast<double>(sizes[c]);
    }
    const auto [low, high] = std::minmax_element(sums.begin(), sums.end());
    std::string line;
    for (const double mean : sums) {
        const double scaled = *high > *low ? (mean - *low) / (*high - *low) : 0.5;
        line += kBlocks[static_cast<std::size_t>(std::lround(scaled * (kBlocks.size() - 1)))];
    }
    return line;
}

std::string renderHistory(const std::vector<MetricHistory>& histories,
                          const HistoryViewOptions& options) {
    if (histories.empty()) {
        return "no runs with that metric match (iolab list shows what the database holds)\n";
    }
    std::string out;
    for (const MetricHistory& history : histories) {
        std::vector<double> values;
        for (const HistoryPoint& point : history.points) {
            values.push_back(point.value);
        }
        const auto [low, high] = std::minmax_element(values.begin(), values.end());
        out += fmt::format("{} {}: {} runs, {} .. {}, {} change point{}\n", history.subject,
                           metricName(history), values.size(),
                           reports::formatValue(history.unit, *low),
                           reports::formatValue(history.unit, *high), history.change_points.size(),
                           history.change_points.size() == 1 ? "" : "s");
        const std::size_t width = columns(values.size(), options.sparkline_width);
        std::string marks(width, ' ');
        for (const ChangePoint& change : history.change_points) {
            marks[columnOf(change.index, values.size(), width)] = '^';
        }
        while (!marks.empty() && marks.back() == ' ') {
            marks.pop_back();
        }
        out += "  " + sparkline(values, width) + "\n";
        if (!marks.empty()) {
            out += "  " + marks + "\n";
        }
        appendChangePoints(out, history);
        appendNewestRuns(out, history, options.last_runs);
        out += "\n";
    }
    return out;
}

std::string renderHistoryJson(const std::vector<MetricHistory>& histories) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const MetricHistory& history : histories) {
        nlohmann::ordered_json points = nlohmann::ordered_json::array();
        for (const HistoryPoint& point : history.points) {
            points.push_back({{"run", point.run.id},
                              {"name", point.run.name},
                              {"start_ns", point.run.start_ns},
                              {"commit", point.run.provenance.commit},
                              {"branch", point.run.provenance.branch},
                              {"ci_job", point.run.provenance.ci_job},
                              {"value", point.value}});
        }
        nlohmann::ordered_json changes = nlohmann::ordered_json::array();
        for (const ChangePoint& change : history.change_points) {
            const Run& run = history.points[change.index].run;
            changes.push_back({{"index", change.index},
                               {"run", run.id},
                               {"commit", run.provenance.commit},
                               {"mean_before", change.mean_before},
                               {"mean_after", change.mean_after},
                               {"change_percent", change.relativeChange() * 100},
                               {"p_value", change.p_value},
                               {"worse", isWorse(history, change)}});
        }
        all.push_back({{"subject", history.subject},
                       {"metric", history.metric},
                       {"unit", history.unit},
                       {"higher_is_better", history.higher_is_better},
                       {"points", std::move(points)},
                       {"change_points", std::move(changes)}});
    }
    return all.dump(2) + "\n";
}

} // namespace iolab::terminal
