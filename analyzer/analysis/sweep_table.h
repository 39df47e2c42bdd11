#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/comparison_figures.h"
#include "analyzer/analysis/statistics.h"
#include "analyzer/model/run_record.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A sweep: the runs of one knob matrix, one series per cell, every run tagged sweep:NAME and
// set:KNOB=VALUE (the value the sweep read back after applying it).
//
// Each cell is tested against the baseline cell (every knob at its first value: the cell that
// ran first) with Welch's t-test, two-sided: a sweep looks for the best setting, not for a
// regression in one direction. The p-values of one metric are adjusted with Holm–Bonferroni
// across the cells, so a sweep of many cells does not name one by chance more often than alpha.
namespace iolab {

std::string sweepTag(std::string_view name);                           // "sweep:NAME"
std::string settingTag(std::string_view knob, std::string_view value); // "set:KNOB=VALUE"
// The sweep a run belongs to; empty when none.
std::string sweepOf(const Run& run);

struct SweepCell {
    std::string series;
    std::vector<std::pair<std::string, std::string>> settings; // knob, value (its first run's)
    std::vector<std::int64_t> run_ids;                         // in the order they ran
};

struct CellFigure {
    Moments moments;
    double half_width = 0;                // of the interval of the mean (0 with one run)
    std::optional<double> change_percent; // against the baseline cell's mean
    std::optional<WelchTest> test;        // against the baseline cell; none for itself
    std::optional<double> p_adjusted;     // Holm across the cells of this metric
    bool significant = false;             // p_adjusted < alpha
};

struct SweepMetric {
    SubjectKind kind = SubjectKind::FioJob;
    std::string subject; // "randread/read", "loop3/read", "per IO"
    std::string metric;  // "iops", "clat.p99", "block.total_ns.p99", "allocs_per_io"
    std::string unit;
    bool higher_is_better = false;
    std::vector<std::optional<CellFigure>> cells; // per SweepAnalysis::cells; none: no data
    std::optional<std::size_t> best;              // the cell with the best mean
};

// How the baseline cell's throughput moved over the sweep: its runs in the order they ran, and
// the least-squares trend through them (per run, in % of their mean) with its interval. The
// trend is significant when its interval excludes 0 (p < alpha): a machine that drifts makes
// the first runs of a sweep unlike its last ones, which interleaving spreads over the cells.
struct BaselineDrift {
    std::string subject;
    std::string metric;
    std::vector<double> values;
    double change_percent = 0;        // last run against the first
    std::optional<LinearTrend> trend; // none with fewer than 3 runs
    double trend_percent = 0;         // slope per run, % of the mean
    double trend_half_width_percent = 0;
    bool significant = false;
};

struct SweepAnalysis {
    std::string name;
    double alpha = 0.05;
    double confidence = 0.95;
    std::vector<std::string> knobs;
    std::vector<SweepCell> cells; // the baseline first, then in the order they first ran
    std::vector<SweepMetric> metrics;
    std::vector<BaselineDrift> drift;
    std::vector<std::string> warnings;
};

// The figures a sweep table shows: IOPS, clat p99, the p99 of each block phase and every
// per-IO cost (see comparableFigures).
bool inSweepTable(const ComparableFigure& figure);

// What cell `c` (which has a figure of the metric) says against the baseline cell: "baseline",
// "higher (better)", "lower (worse)", "no significant difference", "not judged (single runs)",
// with ", best" on the best mean.
std::string cellVerdict(const SweepMetric& metric, std::size_t c);

// Analyses the runs of the sweep `name` (any order; those not comparable are left out).
// Throws InputError when none is left.
SweepAnalysis analyzeSweep(std::string name, const std::vector<RunRecord>& runs,
                           double alpha = 0.05, double confidence = 0.95);

} // namespace iolab
