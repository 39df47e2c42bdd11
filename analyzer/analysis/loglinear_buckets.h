#pragma once

#include "analyzer/model/histogram.h"

#include <cstdint>
#include <span>
#include <vector>

namespace iolab {

// The buckets of a log-linear histogram (bpf/loglinear.h) from its per-index counts: one
// HistogramBucket per non-empty index, with that index's [lower, upper) bounds.
std::vector<HistogramBucket> loglinearBuckets(std::span<const std::uint64_t> counts);

} // namespace iolab
