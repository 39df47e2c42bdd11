#pragma once

#include "analyzer/analysis/window_estimate.h"
#include "analyzer/model/run_record.h"

#include <string>
#include <string_view>

// Per-run figures the views derive beside those of comparison_figures.h.
namespace iolab {

// The measured cost of one clock read through `path` ("syscall", else the vDSO) on the clock
// source the run used; 0 when the run did not measure it.
double clockReadCostNs(const RunRecord& record, std::string_view path);

// A counter's value as every view prints it: whole numbers without decimals ("1523"),
// fractions with three ("0.069"), and a fraction below 0.001 in three significant digits
// ("4.2e-05"), so no non-zero value ever prints as 0.
std::string counterText(double value);

// An estimated figure as every view prints it, `decimals` after the point: with its 95%
// interval ("2.000 ± 0.020"), an exact one alone ("2.000"), an estimate without an interval
// "2.000 (no interval)".
std::string estimateText(const analysis::Estimate& estimate, int decimals);

} // namespace iolab
