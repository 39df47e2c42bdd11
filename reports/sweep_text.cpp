#include "reports/sweep_text.h"

#include "reports/format.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::reports {

std::string sweepHeadline(const SweepAnalysis& sweep) {
    std::size_t runs = 0;
    for (const SweepCell& cell : sweep.cells) {
        runs += cell.run_ids.size();
    }
    return fmt::format("sweep {}: {} runs in {} cells; mean ± {:.0f}% interval; each cell against "
                       "the baseline (the first) by Welch's t-test, Holm-adjusted across cells, "
                       "alpha {}",
                       sweep.name, runs, sweep.cells.size(), 100 * sweep.confidence, sweep.alpha);
}

std::string fixedSettings(const SweepAnalysis& sweep, const std::vector<std::size_t>& varying) {
    std::string text;
    for (std::size_t k = 0; k < sweep.cells.front().settings.size(); ++k) {
        if (std::ranges::find(varying, k) == varying.end()) {
            const auto& [knob, value] = sweep.cells.front().settings[k];
            text += (text.empty() ? "" : " ") + knob + "=" + value;
        }
    }
    return text;
}

std::string sweepMetricTitle(const SweepMetric& metric) {
    return fmt::format("{} {} ({} is better)", metric.subject, metricLabel(metric.metric),
                       metric.higher_is_better ? "higher" : "lower");
}

std::vector<std::string> sweepTableHeader(const SweepAnalysis& sweep,
                                          const std::vector<std::size_t>& varying) {
    std::vector<std::string> header;
    for (const std::size_t k : varying) {
        header.push_back(sweep.knobs[k]);
    }
    header.insert(header.end(), {"runs", "mean ± 95%", "change", "p (Holm)", ""});
    return header;
}

std::string meanInterval(const SweepMetric& metric, const CellFigure& figure) {
    std::string text = formatValue(metric.unit, figure.moments.mean);
    if (figure.moments.n >= 2) {
        text += " ± " + formatValue(metric.unit, figure.half_width);
    }
    return text;
}

std::vector<std::string> sweepTableRow(const SweepAnalysis& sweep, const SweepMetric& metric,
                                       std::size_t c, const std::vector<std::size_t>& varying) {
    const CellFigure& figure = *metric.cells[c];
    std::vector<std::string> row;
    for (const std::size_t k : varying) {
        row.push_back(k < sweep.cells[c].settings.size() ? sweep.cells[c].settings[k].second : "");
    }
    row.push_back(std::to_string(figure.moments.n));
    row.push_back(meanInterval(metric, figure));
    row.push_back(c == 0 ? "" : formatPercent(figure.change_percent));
    row.push_back(c == 0 ? "" : formatP(figure.p_adjusted));
    row.push_back(cellVerdict(metric, c));
    return row;
}

std::string driftLine(const BaselineDrift& drift) {
    std::string line = fmt::format("{} {} over {} runs: {} first, {} last", drift.subject,
                                   metricLabel(drift.metric), drift.values.size(),
                                   formatValue("IOPS", drift.values.front()),
                                   formatValue("IOPS", drift.values.back()));
    if (!drift.trend) {
        return line +
               fmt::format(" ({}; a trend needs 3 runs)", formatPercent(drift.change_percent));
    }
    return line + "; " + formatDrift(drift);
}

} // namespace iolab::reports
