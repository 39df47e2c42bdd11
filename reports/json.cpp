#include "reports/report.h"
#include "reports/verdict.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace iolab::reports {
namespace {

using Json = nlohmann::ordered_json;

Json optionalNumber(const std::optional<double>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json sideJson(const ComparedSide& side) {
    Json runs = Json::array();
    for (std::size_t i = 0; i < side.run_ids.size(); ++i) {
        runs.push_back({{"id", side.run_ids[i]}, {"name", side.run_names[i]}});
    }
    return {{"label", side.label}, {"runs", std::move(runs)}};
}

Json figuresJson(const SideFigures& figures) {
    return {{"n", figures.moments.n},
            {"mean", figures.moments.mean},
            {"stddev", figures.moments.stddev},
            {"values", figures.values},
            {"run_ci95", optionalNumber(figures.run_ci95)}};
}

Json testJson(const std::optional<WelchTest>& test) {
    if (!test) {
        return nullptr;
    }
    return {{"difference", test->difference},
            {"t", std::isinf(test->t) ? Json(nullptr) : Json(test->t)},
            {"df", test->df},
            {"p_value", test->p_value},
            {"ci_low", test->ci_low},
            {"ci_high", test->ci_high}};
}

Json metricJson(const MetricComparison& m) {
    return {{"kind", toString(m.kind)},
            {"subject", m.subject},
            {"metric", m.metric},
            {"unit", m.unit},
            {"higher_is_better", m.higher_is_better},
            {"baseline", figuresJson(m.baseline)},
            {"candidate", figuresJson(m.candidate)},
            {"change_percent", optionalNumber(m.change_percent)},
            {"ci_low_percent", optionalNumber(m.ci_low_percent)},
            {"ci_high_percent", optionalNumber(m.ci_high_percent)},
            {"estimate_ci95", optionalNumber(m.estimate_ci95)},
            {"welch", testJson(m.test)},
            {"p_adjusted", optionalNumber(m.p_adjusted)},
            {"threshold_percent", optionalNumber(m.threshold_percent)},
            {"assessment", toString(m.assessment)}};
}

Json functionJson(const FunctionShareChange& f) {
    return {{"symbol", f.symbol},
            {"module", f.module},
            {"baseline_share_percent", figuresJson(f.baseline)},
            {"candidate_share_percent", figuresJson(f.candidate)},
            {"change_points", f.change_points},
            {"welch", testJson(f.test)}};
}

Json optionsJson(const ComparisonOptions& options) {
    Json thresholds = Json::object();
    for (const auto& [metric, threshold] : options.metric_thresholds) {
        thresholds[metric] = optionalNumber(threshold);
    }
    return {{"threshold_percent", options.threshold_percent},
            {"metric_thresholds", std::move(thresholds)},
            {"alpha", options.alpha},
            {"confidence", options.confidence},
            {"test", "welch-t, holm-bonferroni"}};
}

} // namespace

std::string renderJson(const Comparison& comparison, const ReportContext& context) {
    const Verdict verdict = judge(comparison);
    Json metrics = Json::array();
    for (const MetricComparison& metric : comparison.metrics) {
        metrics.push_back(metricJson(metric));
    }
    Json functions = Json::array();
    for (const FunctionShareChange& function : comparison.functions) {
        functions.push_back(functionJson(function));
    }
    Json drift = Json::array();
    for (const EnvironmentDrift& d : comparison.drift) {
        drift.push_back(
            {{"key", d.key}, {"baseline", d.baseline_values}, {"candidate", d.candidate_values}});
    }
    const Json report{
        {"generator", context.generator},
        {"generated_at", context.generated_at},
        {"verdict", verdict.regression ? "regression" : "no-regression"},
        {"headline", verdict.headline},
        {"regressions", verdict.details},
        {"significance_judged", comparison.significance_judged},
        {"baseline", sideJson(comparison.baseline)},
        {"candidate", sideJson(comparison.candidate)},
        {"options", optionsJson(comparison.options)},
        {"metrics", std::move(metrics)},
        {"cpu", {{"event", comparison.cpu_event}, {"functions", std::move(functions)}}},
        {"drift", std::move(drift)},
        {"warnings", comparison.warnings}};
    return report.dump(2) + "\n";
}

} // namespace iolab::reports
