#include "reports/history_verdict.h"

#include "reports/format.h"

#include <cmath>
#include <fmt/core.h>

namespace iolab::reports {
namespace {

std::string describeNewestChange(const MetricHistory& history, const ChangePoint& change) {
    const Run& run = history.points[change.index].run;
    const std::size_t since = history.points.size() - change.index;
    return fmt::format(
        "{} {} {} from commit {} (run {}, {} -> {}, p = {}; the newest {} run{})", history.subject,
        history.metric, formatPercent(change.relativeChange() * 100),
        run.provenance.commit.empty() ? "(unknown)" : run.provenance.commit, run.id,
        formatValue(history.unit, change.mean_before), formatValue(history.unit, change.mean_after),
        formatP(change.p_value), since, since == 1 ? "" : "s");
}

} // namespace

Verdict judgeHistory(const std::vector<MetricHistory>& histories,
                     const ComparisonOptions& thresholds) {
    Verdict verdict;
    std::size_t gated = 0;
    for (const MetricHistory& history : histories) {
        const auto threshold = thresholdFor(thresholds, history.metric);
        if (!threshold) {
            continue;
        }
        ++gated;
        if (history.change_points.empty()) {
            continue;
        }
        const ChangePoint& newest = history.change_points.back();
        if (isWorse(history, newest) && std::abs(newest.relativeChange() * 100) >= *threshold) {
            verdict.details.push_back(describeNewestChange(history, newest));
        }
    }
    verdict.regression = !verdict.details.empty();
    verdict.exit_code = verdict.regression ? 1 : 0;
    if (verdict.regression) {
        verdict.headline = "REGRESSION: " + verdict.details.front();
        if (verdict.details.size() > 1) {
            verdict.headline += fmt::format(" and {} more", verdict.details.size() - 1);
        }
        return verdict;
    }
    verdict.headline =
        fmt::format("no regression: the newest segment of {} histor{} is not "
                    "worse beyond its threshold (default {})",
                    gated, gated == 1 ? "y" : "ies", formatThreshold(thresholds.threshold_percent));
    return verdict;
}

} // namespace iolab::reports
