#pragma once

#include "analyzer/model/histogram.h"

#include <cstdint>
#include <vector>

namespace iolab {

std::uint64_t totalCount(const std::vector<HistogramBucket>& buckets);

// The value below which `percent` of the counts fall, interpolated linearly inside the bucket
// that holds it. 0 for an empty histogram.
double percentile(const std::vector<HistogramBucket>& buckets, double percent);

// Mean of the bucket midpoints weighted by their counts.
double mean(const std::vector<HistogramBucket>& buckets);

} // namespace iolab
