#include "analyzer/analysis/comparison.h"

#include "analyzer/analysis/comparison_figures.h"
#include "analyzer/analysis/comparison_parts.h"
#include "analyzer/errors.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace iolab {
namespace {

using FigureKey = std::tuple<SubjectKind, std::string, std::string, int, std::string>;

// Lines up every figure of every run of both sides, in the order of FigureKey.
struct Alignment {
    std::map<FigureKey, ComparableFigure> figures; // one exemplar per key (unit, direction)
    std::map<FigureKey, SideFigures> sides[2];
};

// Sides of one run keep that run's own interval; several runs' spread is measured instead.
void keepRunInterval(SideFigures& side, std::optional<double> ci95) {
    side.run_ci95 = side.values.size() == 1 ? ci95 : std::nullopt;
}

Alignment align(const std::vector<const RunRecord*>& baseline,
                const std::vector<const RunRecord*>& candidate) {
    Alignment alignment;
    int side = 0;
    for (const auto* records : {&baseline, &candidate}) {
        for (const RunRecord* record : *records) {
            for (ComparableFigure& figure : comparableFigures(*record)) {
                const FigureKey key = figure.key();
                SideFigures& figures = alignment.sides[side][key];
                figures.values.push_back(figure.value);
                keepRunInterval(figures, figure.ci95);
                alignment.figures.emplace(key, std::move(figure));
            }
        }
        ++side;
    }
    return alignment;
}

MetricComparison measure(const ComparableFigure& figure, SideFigures baseline,
                         SideFigures candidate, const ComparisonOptions& options) {
    MetricComparison metric;
    metric.kind = figure.kind;
    metric.subject = figure.subject;
    metric.metric = figure.metric;
    metric.unit = figure.unit;
    metric.higher_is_better = figure.higher_is_better;
    baseline.moments = describe(baseline.values);
    candidate.moments = describe(candidate.values);
    metric.baseline = std::move(baseline);
    metric.candidate = std::move(candidate);
    metric.threshold_percent = thresholdFor(options, figure.metric);
    if (metric.baseline.values.empty() || metric.candidate.values.empty()) {
        metric.assessment = Assessment::Missing;
        return metric;
    }
    const double base = metric.baseline.moments.mean;
    if (base != 0) {
        metric.change_percent = 100.0 * (metric.candidate.moments.mean - base) / base;
    }
    metric.test = welchTest(metric.baseline.moments, metric.candidate.moments, options.confidence);
    if (metric.test && base != 0) {
        metric.ci_low_percent = 100.0 * metric.test->ci_low / std::abs(base);
        metric.ci_high_percent = 100.0 * metric.test->ci_high / std::abs(base);
    }
    if (metric.baseline.run_ci95 && metric.candidate.run_ci95) {
        metric.estimate_ci95 = std::hypot(*metric.baseline.run_ci95, *metric.candidate.run_ci95);
    }
    return metric;
}

// Throughput (IOPS, bandwidth) is what a gate is for; latency percentiles, block latency and
// per-IO costs explain it. Each family's p-values are adjusted on their own, so the many
// explaining metrics do not dilute the test of the few that matter most.
bool isThroughput(const MetricComparison& metric) {
    return metric.metric == "iops" || metric.metric == "bw";
}

// Adjusts the one-sided p-values (in the direction of each change) of the gated metrics of each
// family together (Holm–Bonferroni), then assesses each metric.
void assess(std::vector<MetricComparison>& metrics, const ComparisonOptions& options) {
    for (const bool throughput : {true, false}) {
        std::vector<double> pValues;
        std::vector<MetricComparison*> tested;
        for (MetricComparison& metric : metrics) {
            if (metric.assessment != Assessment::Missing && metric.threshold_percent &&
                metric.test && isThroughput(metric) == throughput) {
                pValues.push_back(metric.test->p_value / 2);
                tested.push_back(&metric);
            }
        }
        const std::vector<double> adjusted = holmAdjust(pValues);
        for (std::size_t i = 0; i < tested.size(); ++i) {
            tested[i]->p_adjusted = adjusted[i];
        }
    }
    for (MetricComparison& metric : metrics) {
        if (metric.assessment == Assessment::Missing) {
            continue;
        }
        if (!metric.threshold_percent) {
            metric.assessment = Assessment::NotGated;
            continue;
        }
        const double difference = metric.candidate.moments.mean - metric.baseline.moments.mean;
        const bool beyond = metric.change_percent
                                ? std::abs(*metric.change_percent) > *metric.threshold_percent
                                : difference != 0;
        if (!beyond) {
            metric.assessment = Assessment::Unchanged;
            continue;
        }
        const bool withinEstimates =
            metric.estimate_ci95 && std::abs(difference) <= *metric.estimate_ci95;
        if ((metric.p_adjusted && *metric.p_adjusted >= options.alpha) || withinEstimates) {
            metric.assessment = Assessment::NotSignificant;
            continue;
        }
        const bool worse = metric.higher_is_better ? difference < 0 : difference > 0;
        metric.assessment = worse ? Assessment::Regression : Assessment::Improvement;
    }
}

std::string joined(const std::vector<std::string>& values) {
    std::string text;
    for (const std::string& value : values) {
        text += (text.empty() ? "" : ", ") + value;
    }
    return text;
}

void addWarnings(Comparison& comparison, const std::vector<const RunRecord*>& baseline,
                 const std::vector<const RunRecord*>& candidate) {
    if (!comparison.significance_judged) {
        comparison.warnings.push_back(
            "significance could not be judged: baseline has " + std::to_string(baseline.size()) +
            " run(s), candidate " + std::to_string(candidate.size()) +
            "; the threshold alone decided (record repetitions: iolab record --repeat N)");
    }
    for (const EnvironmentDrift& drift : comparison.drift) {
        const bool workload = drift.key.starts_with("fio.") && drift.key != "fio.version";
        comparison.warnings.push_back(std::string(workload ? "workload" : "environment") +
                                      " differs: " + drift.key + " is " +
                                      joined(drift.baseline_values) + " in the baseline, " +
                                      joined(drift.candidate_values) + " in the candidate");
    }
    for (const auto* side : {&baseline, &candidate}) {
        for (const RunRecord* record : *side) {
            if (record->run.status == RunStatus::Interrupted) {
                comparison.warnings.push_back("run " + std::to_string(record->run.id) +
                                              " was interrupted: its figures may be partial");
            }
            for (const FioJob& job : record->fio_jobs) {
                if (job.error != 0) {
                    comparison.warnings.push_back("run " + std::to_string(record->run.id) +
                                                  ": fio job " + job.job + " ended with error " +
                                                  std::to_string(job.error));
                }
            }
        }
    }
    for (const MetricComparison& metric : comparison.metrics) {
        if (metric.assessment == Assessment::Missing) {
            comparison.warnings.push_back(
                metric.subject + " " + metric.metric + " is only in the " +
                (metric.baseline.values.empty() ? "candidate" : "baseline"));
        }
    }
}

ComparedSide describeSide(const std::vector<const RunRecord*>& side, std::string label) {
    ComparedSide described{std::move(label), {}, {}};
    for (const RunRecord* record : side) {
        described.run_ids.push_back(record->run.id);
        described.run_names.push_back(record->run.name);
    }
    return described;
}

std::vector<const StackProfile*> profilesOf(const std::vector<const RunRecord*>& side) {
    std::vector<const StackProfile*> profiles;
    for (const RunRecord* record : side) {
        profiles.push_back(&record->profile);
    }
    return profiles;
}

Comparison compareRecords(const std::vector<const RunRecord*>& baseline,
                          const std::vector<const RunRecord*>& candidate,
                          const ComparisonOptions& options, std::string baselineLabel,
                          std::string candidateLabel) {
    if (baseline.empty() || candidate.empty()) {
        throw InputError("a comparison needs at least one run on each side");
    }
    Comparison comparison;
    comparison.baseline = describeSide(baseline, std::move(baselineLabel));
    comparison.candidate = describeSide(candidate, std::move(candidateLabel));
    comparison.options = options;
    comparison.significance_judged = baseline.size() >= 2 && candidate.size() >= 2;
    Alignment alignment = align(baseline, candidate);
    for (const auto& [key, figure] : alignment.figures) {
        comparison.metrics.push_back(
            measure(figure, alignment.sides[0][key], alignment.sides[1][key], options));
    }
    assess(comparison.metrics, options);
    comparison.cpu_processes = cpuProcesses(baseline, candidate, options);
    comparison.cpu_event = dominantEvent(baseline, candidate, comparison.cpu_processes);
    if (!comparison.cpu_event.empty()) {
        comparison.functions = functionShareChanges(baseline, candidate, comparison.cpu_event,
                                                    comparison.cpu_processes, options);
        comparison.flame = buildDiffFlame(profilesOf(baseline), profilesOf(candidate),
                                          comparison.cpu_event, comparison.cpu_processes);
    }
    comparison.drift = environmentDrift(baseline, candidate);
    addWarnings(comparison, baseline, candidate);
    return comparison;
}

std::vector<const RunRecord*> pointers(const std::vector<RunRecord>& records) {
    std::vector<const RunRecord*> out;
    for (const RunRecord& record : records) {
        out.push_back(&record);
    }
    return out;
}

std::string defaultLabel(const std::vector<RunRecord>& records) {
    if (records.size() == 1) {
        return "run " + std::to_string(records.front().run.id) + " " + records.front().run.name;
    }
    const std::string& series = records.front().run.series;
    return (series.empty() ? std::string("runs") : "series:" + series) + " (" +
           std::to_string(records.size()) + " runs)";
}

} // namespace

std::string_view toString(SubjectKind kind) {
    switch (kind) {
    case SubjectKind::FioJob:
        return "fio-job";
    case SubjectKind::BlockDevice:
        return "block-device";
    case SubjectKind::PerIoCost:
        return "per-io-cost";
    }
    return "?";
}

std::string_view toString(Assessment assessment) {
    switch (assessment) {
    case Assessment::Unchanged:
        return "unchanged";
    case Assessment::Improvement:
        return "improvement";
    case Assessment::Regression:
        return "regression";
    case Assessment::NotSignificant:
        return "not-significant";
    case Assessment::NotGated:
        return "not-gated";
    case Assessment::Missing:
        return "missing";
    }
    return "?";
}

bool Comparison::regression() const {
    return !regressions().empty();
}

std::vector<const MetricComparison*> Comparison::regressions() const {
    std::vector<const MetricComparison*> found;
    for (const MetricComparison& metric : metrics) {
        if (metric.assessment == Assessment::Regression) {
            found.push_back(&metric);
        }
    }
    return found;
}

Comparison compare(const std::vector<RunRecord>& baseline, const std::vector<RunRecord>& candidate,
                   const ComparisonOptions& options) {
    return compareRecords(pointers(baseline), pointers(candidate), options,
                          baseline.empty() ? "" : defaultLabel(baseline),
                          candidate.empty() ? "" : defaultLabel(candidate));
}

Comparison compare(const std::vector<RunRecord>& baseline, const std::vector<RunRecord>& candidate,
                   const ComparisonOptions& options, std::string baselineLabel,
                   std::string candidateLabel) {
    return compareRecords(pointers(baseline), pointers(candidate), options,
                          std::move(baselineLabel), std::move(candidateLabel));
}

} // namespace iolab
