#pragma once

#include "analyzer/analysis/comparison.h"

#include <string>

// The pieces of the HTML page: each returns markup to embed inline.
namespace iolab::reports {

// The page's stylesheet: every HTML report reads alike.
const char* htmlStyle();
// Bars of mean IOPS per fio job and side, with whiskers for the 95% interval of each mean and
// a dot per run. Empty when no job has IOPS.
std::string iopsChartSvg(const Comparison& comparison);
// clat p50 / p99 / p99.9 per job and side on a logarithmic axis. Empty without percentiles.
std::string latencyChartSvg(const Comparison& comparison);
// The differential flame graph: frame width from the candidate's share of samples, colour from
// the change of that share against the baseline (red grew, blue shrank), plus the search box and
// the script that zooms on click. Empty without CPU samples.
std::string diffFlameHtml(const Comparison& comparison);

} // namespace iolab::reports
