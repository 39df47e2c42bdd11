#pragma once

#include "analyzer/analysis/sweep_table.h"

#include <cstddef>
#include <string>
#include <vector>

// The words and figures every sweep report shows (text, markdown, HTML), so they read alike.
namespace iolab::reports {

// "sweep NAME: 12 runs in 4 cells; mean ± 95% interval; each cell against ..."
std::string sweepHeadline(const SweepAnalysis& sweep);
// "fio.runtime=2 fio.clocksource=clock_gettime": the knobs set alike in every cell ("" if none).
std::string fixedSettings(const SweepAnalysis& sweep, const std::vector<std::size_t>& varying);
// "randread/read IOPS (higher is better)"
std::string sweepMetricTitle(const SweepMetric& metric);

// A metric's table: the varying knobs' names, runs, mean ± 95%, change, p (Holm), verdict.
std::vector<std::string> sweepTableHeader(const SweepAnalysis& sweep,
                                          const std::vector<std::size_t>& varying);
// The row of cell `c` (which has a figure of the metric).
std::vector<std::string> sweepTableRow(const SweepAnalysis& sweep, const SweepMetric& metric,
                                       std::size_t c, const std::vector<std::size_t>& varying);
// "27.8k ± 27.9k" (no interval for a single run).
std::string meanInterval(const SweepMetric& metric, const CellFigure& figure);

// "randread/read IOPS over 3 runs: 40.1k first, 18.1k last; drift -12.0%/run ± 30.1: ..."
std::string driftLine(const BaselineDrift& drift);

} // namespace iolab::reports
