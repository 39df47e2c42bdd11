#include "analyzer/model/histogram_stats.h"

namespace iolab {

std::uint64_t totalCount(const std::vector<HistogramBucket>& buckets) {
    std::uint64_t total = 0;
    for (const auto& bucket : buckets) {
        total += bucket.count;
    }
    return total;
}

double percentile(const std::vector<HistogramBucket>& buckets, double percent) {
    const std::uint64_t total = totalCount(buckets);
    if (total == 0) {
        return 0;
    }
    const double rank = static_cast<double>(total) * percent / 100.0;
    double seen = 0;
    for (const auto& bucket : buckets) {
        const auto count = static_cast<double>(bucket.count);
        if (count > 0 && seen + count >= rank) {
            const double fraction = (rank - seen) / count;
            const auto width = static_cast<double>(bucket.upper - bucket.lower);
            return static_cast<double>(bucket.lower) + fraction * width;
        }
        seen += count;
    }
    return static_cast<double>(buckets.back().upper);
}

double mean(const std::vector<HistogramBucket>& buckets) {
    const std::uint64_t total = totalCount(buckets);
    if (total == 0) {
        return 0;
    }
    double sum = 0;
    for (const auto& bucket : buckets) {
        const double middle =
            (static_cast<double>(bucket.lower) + static_cast<double>(bucket.upper)) / 2;
        sum += middle * static_cast<double>(bucket.count);
    }
    return sum / static_cast<double>(total);
}

} // namespace iolab
