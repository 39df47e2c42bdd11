#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/sweep_table.h"

#include <optional>
#include <string>

// Number formatting shared by every report format, so a figure reads the same everywhere.
namespace iolab::reports {

// A value in the metric's unit: "100.2k" IOPS, "390.6MiB/s", "320.5µs", "2.03" per IO.
std::string formatValue(const MetricComparison& metric, double value);
// The same for a unit: "IOPS", "B/s", "ns", "ns per IO", "per IO".
std::string formatValue(const std::string& unit, double value);
// "100.2k ± 0.8k": mean and standard deviation (no spread shown for a single run).
std::string formatMeanSpread(const MetricComparison& metric, const SideFigures& side);
// " ± 0.020 (95%)" after a one-run side's estimated figure: that run's own interval; "" for an
// exact figure, several runs or an estimate without one.
std::string runInterval(const MetricComparison& metric, const SideFigures& side);
// "-30.0%", "+4.2%", "n/a".
std::string formatPercent(std::optional<double> percent);
// "-31.0% .. -29.0%", or "-" without an interval.
std::string formatInterval(const MetricComparison& metric);
// "0.0123", "< 0.001", "-" when not tested.
std::string formatP(std::optional<double> p);
// "5%", "off".
std::string formatThreshold(std::optional<double> threshold);
// A human name of a metric: "IOPS", "bandwidth", "clat p99", "block total p99.9", ...
std::string metricLabel(const MetricComparison& metric);
// The same for a metric id ("iops", "clat.p99", "block.total_ns.p99", "allocs_per_io").
std::string metricLabel(const std::string& metric);
// The baseline cell's trend over a sweep: "drift -3.4%/run ± 1.2 (p 0.003): the machine
// drifted" when significant, "drift -1.0%/run ± 5.3: no significant drift" otherwise.
std::string formatDrift(const BaselineDrift& drift);
// "regression", "improvement", "ok", "noise", "not gated", "missing".
std::string assessmentLabel(Assessment assessment);
// Text safe inside XML and HTML elements and attribute values.
std::string escapeMarkup(const std::string& text);
// A symbol cut to `width` characters with "..." (demangled C++ names run to hundreds).
std::string shortSymbol(const std::string& symbol, std::size_t width = 60);
// Fixed-point with `digits` decimals.
std::string fixed(double value, int digits);

// A group of contended locks as every comparison view prints it: contentions and wait time per
// IO on each side (means over the runs), and the change of the wait time.
struct LockRowText {
    std::string waits_baseline;
    std::string waits_candidate;
    std::string wait_baseline;
    std::string wait_candidate;
    std::string wait_change;
};
LockRowText lockRowText(const LockGroupChange& change);
// "Contended locks by caller, per IO": the title of that table.
std::string lockTableTitle(const Comparison& comparison);

} // namespace iolab::reports
