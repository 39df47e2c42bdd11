#pragma once

#include <string_view>

#include "analyzer/model/run_record.h"

// Per-run figures the views derive beside those of comparison_figures.h.
namespace iolab {

// The measured cost of one clock read through `path` ("syscall", else the vDSO) on the clock
// source the run used; 0 when the run did not measure it.
double clockReadCostNs(const RunRecord& record, std::string_view path);

} // namespace iolab
