#include "reports/verdict.h"

#include "reports/format.h"

namespace iolab::reports {
namespace {

std::string sides(const Comparison& comparison) {
    return std::to_string(comparison.baseline.run_ids.size()) + " vs " +
           std::to_string(comparison.candidate.run_ids.size()) + " runs";
}

} // namespace

std::string describeChange(const MetricComparison& metric) {
    std::string text = metric.subject + " " + metricLabel(metric) + " " +
                       formatPercent(metric.change_percent) + " (" +
                       formatValue(metric, metric.baseline.moments.mean) + " -> " +
                       formatValue(metric, metric.candidate.moments.mean);
    if (metric.ci_low_percent) {
        text += ", 95% CI " + formatInterval(metric);
    }
    if (metric.p_adjusted) {
        text += ", p " + (*metric.p_adjusted < 0.001 ? formatP(metric.p_adjusted)
                                                     : "= " + formatP(metric.p_adjusted));
    }
    return text + ")";
}

Verdict judge(const Comparison& comparison) {
    Verdict verdict;
    // In the comparison's order: fio jobs first and IOPS first within a job, so the headline
    // names what users gate on; block latency and per-IO costs follow as explanations.
    const auto regressions = comparison.regressions();
    verdict.regression = !regressions.empty();
    verdict.exit_code = verdict.regression ? 1 : 0;
    for (const MetricComparison* metric : regressions) {
        verdict.details.push_back(describeChange(*metric));
    }
    const std::string judged =
        comparison.significance_judged ? "" : ", significance not judged (single runs)";
    if (verdict.regression) {
        verdict.headline = "REGRESSION: " + verdict.details.front();
        if (regressions.size() > 1) {
            verdict.headline += " and " + std::to_string(regressions.size() - 1) + " more";
        }
        verdict.headline += " [" + sides(comparison) + judged + "]";
        return verdict;
    }
    std::size_t gated = 0;
    for (const MetricComparison& metric : comparison.metrics) {
        gated += metric.threshold_percent && metric.assessment != Assessment::Missing ? 1 : 0;
    }
    verdict.headline = "no regression: " + std::to_string(gated) + " metrics checked against " +
                       formatThreshold(comparison.options.threshold_percent) + " [" +
                       sides(comparison) + judged + "]";
    return verdict;
}

} // namespace iolab::reports
