#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <map>
#include <vector>

namespace iolab::test {

// Latency distributions in biolatency's buckets: log2 of the latency in whole microseconds,
// keyed by the bucket's lower bound (0 -> 1 holds 0 and 1, then 2 -> 3, 4 -> 7, ...).
using Log2Counts = std::map<std::uint64_t, double>;

// The bucket of `us` microseconds.
std::uint64_t log2Lower(std::uint64_t us);

// iolab's finer buckets re-bucketed: a log-linear bucket that straddles a log2 boundary in
// microseconds is split in proportion to its width.
Log2Counts log2Microseconds(const std::vector<HistogramBucket>& buckets);

// The share of `theirs` that sits in other buckets in `ours`, both taken as distributions
// (each over its own total): half the summed absolute differences of the shares.
double movedShare(const Log2Counts& ours, const Log2Counts& theirs);

} // namespace iolab::test
