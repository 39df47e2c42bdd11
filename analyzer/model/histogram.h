#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace iolab {

// Values in [lower, upper) fell into the bucket `count` times.
struct HistogramBucket {
    std::uint64_t lower = 0;
    std::uint64_t upper = 0;
    std::uint64_t count = 0;

    bool operator==(const HistogramBucket&) const = default;
};

// A named metric ("block.queue_ns", "block.size_bytes", "lock.wait_ns") split by
// dimensions (device, operation, process). Buckets are sorted by lower bound.
struct Histogram {
    std::string metric;
    std::map<std::string, std::string> dimensions;
    std::vector<HistogramBucket> buckets;

    bool operator==(const Histogram&) const = default;
};

} // namespace iolab
