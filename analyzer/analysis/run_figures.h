#pragma once

#include "analyzer/model/run_record.h"

#include <string_view>
#include <vector>

// Per-run figures the views derive beside those of comparison_figures.h.
namespace iolab {

// The buckets of every histogram of `metric`, summed bucket by bucket (devices and operations
// share bucket bounds), for a run-wide distribution.
std::vector<HistogramBucket> mergedBuckets(const RunRecord& record, std::string_view metric);

// The measured cost of one clock read through `path` ("syscall", else the vDSO) on the clock
// source the run used; 0 when the run did not measure it.
double clockReadCostNs(const RunRecord& record, std::string_view path);

} // namespace iolab
