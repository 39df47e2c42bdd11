#pragma once

#include "analyzer/analysis/diff_flame.h"
#include "analyzer/analysis/selection.h"
#include "analyzer/analysis/statistics.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A comparison of a baseline against a candidate, each a set of repetitions of one experiment.
//
// Significance: Welch's t-test per metric over the repetitions. IOPS, bandwidth and latency
// percentiles of repeated runs of one fio job are close to normal, the two sides need not have
// the same spread (a change can make a job noisier), and CI runs few repetitions (3–10), where a
// rank test such as Mann–Whitney U cannot reach p < 0.05 at all with 3 runs a side and moves in
// coarse steps above. A regression has a direction (throughput down, latency or cost up), so the
// p-value that decides is one-sided, in the direction of the change. One comparison tests many
// metrics, so p-values are adjusted with Holm–Bonferroni within two families: throughput (IOPS
// and bandwidth of every job) and everything else (latency percentiles, block latency, per-IO
// costs). The chance that a comparison of a build against itself calls a regression by chance
// thus stays near alpha per family instead of growing with the number of jobs and metrics.
//
// A metric regresses when it changed beyond its threshold in the bad direction and, when both
// sides have >= 2 runs, its adjusted p < alpha. With a single run on a side the threshold alone
// decides and Comparison::significance_judged is false.
namespace iolab {

// What one metric's thresholds are: `threshold_percent` for every metric unless
// `metric_thresholds` names it (see thresholdFor). A threshold of nullopt means "report, do not
// gate".
struct ComparisonOptions {
    double threshold_percent = 5.0;
    std::map<std::string, std::optional<double>> metric_thresholds;
    double alpha = 0.05;      // per family (throughput; the rest), after Holm–Bonferroni
    double confidence = 0.95; // of the interval of each difference
    std::size_t top_functions = 10;
    // CPU shares and the flame graph count the samples of these processes. Empty: the
    // workload's programs (sampled processes named like a word of a run's command, e.g. fio in
    // `chrt -f 20 fio job.fio`), or every process when no sample is named so (a system-wide
    // profile of a busy machine is mostly other processes).
    std::vector<std::string> cpu_processes;
};

// Parses "iops=3%,p99=10%,p99.9=off" (the % is optional) into options.metric_thresholds.
// Throws InputError naming the bad item.
void parseMetricThresholds(std::string_view text, ComparisonOptions& options);
// Parses "5%" or "5"; throws InputError.
double parsePercent(std::string_view text);

// The threshold of a metric id: an exact key ("clat.p99"), then its last component
// ("p99" matches clat.p99 and block.total_ns.p99), then its longest dotted prefix ("block",
// "block.total_ns"), then the default.
std::optional<double> thresholdFor(const ComparisonOptions& options, const std::string& metric);

enum class SubjectKind { FioJob, BlockDevice, PerIoCost };

enum class Assessment {
    Unchanged,      // within the threshold
    Improvement,    // beyond it in the good direction (and significant when judged)
    Regression,     // beyond it in the bad direction (and significant when judged)
    NotSignificant, // beyond it, but the repetitions do not show it is real
    NotGated,       // the threshold is off for this metric
    Missing,        // absent on one side
};

std::string_view toString(SubjectKind kind);
std::string_view toString(Assessment assessment);

// The figures of one side for one metric: one value per run that has the metric.
struct SideFigures {
    std::vector<double> values; // in run order
    Moments moments;
    // A side of one run: the half-width of that run's own 95% interval of an estimated figure
    // (0 when exact); nullopt for several runs or an estimate without one.
    std::optional<double> run_ci95;
};

struct MetricComparison {
    SubjectKind kind = SubjectKind::FioJob;
    std::string subject; // "randread/read", "loop0/read", "per IO"
    std::string metric;  // "iops", "bw", "clat.p99", "block.total_ns.p99.9", "allocs_per_io"
    std::string unit;    // "IOPS", "B/s", "ns", "per IO", "ns per IO"
    bool higher_is_better = false;
    SideFigures baseline;
    SideFigures candidate;
    std::optional<double> change_percent; // 100 * (cand - base) / base; nullopt when base == 0
    std::optional<WelchTest> test;        // nullopt when a side has < 2 values
    // One-sided p (test->p_value / 2), Holm–Bonferroni adjusted within the metric's family.
    std::optional<double> p_adjusted;
    // The interval of the difference as a percentage of the baseline mean.
    std::optional<double> ci_low_percent;
    std::optional<double> ci_high_percent;
    // One run per side, both with their own intervals: the half-width of the difference's 95%
    // interval from the runs' estimates alone. A change inside it is not significant: the
    // estimates cannot tell it from their sampling error.
    std::optional<double> estimate_ci95;
    std::optional<double> threshold_percent;
    Assessment assessment = Assessment::Unchanged;
};

// The share of CPU samples whose innermost frame is `symbol` (self share), per side.
struct FunctionShareChange {
    std::string symbol;
    std::string module;
    SideFigures baseline; // shares in percent of each run's samples of `event`
    SideFigures candidate;
    double change_points = 0; // candidate mean share - baseline mean share, percentage points
    std::optional<WelchTest> test;
};

// A run-metadata key whose values differ between (or within) the sides.
struct EnvironmentDrift {
    std::string key; // kernel, clocksource, fio.version, dev.loop0.scheduler
    std::vector<std::string> baseline_values; // distinct, sorted; "(unset)" when a run lacks it
    std::vector<std::string> candidate_values;
};

struct ComparedSide {
    std::string label;
    std::vector<std::int64_t> run_ids;
    std::vector<std::string> run_names;
};

struct Comparison {
    ComparedSide baseline;
    ComparedSide candidate;
    ComparisonOptions options;
    bool significance_judged = false; // both sides have >= 2 runs
    // Fio jobs (sorted by job, then direction: iops, bw, clat.p50, clat.p99, clat.p99.9), then
    // block devices (device/operation: block.*_ns percentiles), then per-IO costs.
    std::vector<MetricComparison> metrics;
    std::string cpu_event; // the sampled event the shares are of; empty without samples
    std::vector<std::string> cpu_processes;     // the processes counted; empty: every process
    std::vector<FunctionShareChange> functions; // the largest |change_points| first
    DiffFlameNode flame;                        // baseline vs candidate stacks of cpu_event
    std::vector<EnvironmentDrift> drift;
    std::vector<std::string> warnings; // drift, runs missing parts, single runs, ...

    bool regression() const;
    std::vector<const MetricComparison*> regressions() const;
};

// Compares two sides given as loaded runs (each side non-empty; throws InputError otherwise).
Comparison compare(const std::vector<RunRecord>& baseline, const std::vector<RunRecord>& candidate,
                   const ComparisonOptions& options = {});

// The same with the sides' labels given ("series:s1 (3 runs)").
Comparison compare(const std::vector<RunRecord>& baseline, const std::vector<RunRecord>& candidate,
                   const ComparisonOptions& options, std::string baselineLabel,
                   std::string candidateLabel);

} // namespace iolab
