#include "analyzer/analysis/loglinear_buckets.h"

#include "bpf/loglinear.h"

namespace iolab {

std::vector<HistogramBucket> loglinearBuckets(std::span<const std::uint64_t> counts) {
    std::vector<HistogramBucket> buckets;
    const std::size_t n = std::min<std::size_t>(counts.size(), LOGLIN_BUCKETS);
    for (std::size_t i = 0; i < n; ++i) {
        if (counts[i] != 0) {
            const auto index = static_cast<std::uint32_t>(i);
            buckets.push_back({loglin_lower(index), loglin_upper(index), counts[i]});
        }
    }
    return buckets;
}

} // namespace iolab
