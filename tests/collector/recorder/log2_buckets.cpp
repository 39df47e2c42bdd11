#include "tests/collector/recorder/log2_buckets.h"

#include <algorithm>
#include <cmath>

namespace iolab::test {

std::uint64_t log2Lower(std::uint64_t us) {
    if (us < 2) {
        return 0;
    }
    std::uint64_t lower = 1;
    while (lower * 2 <= us) {
        lower *= 2;
    }
    return lower;
}

Log2Counts log2Microseconds(const std::vector<HistogramBucket>& buckets) {
    Log2Counts counts;
    for (const HistogramBucket& b : buckets) {
        const double width = static_cast<double>(b.upper - b.lower);
        std::uint64_t from = b.lower;
        while (from < b.upper) {
            const std::uint64_t key = log2Lower(from / 1000);
            const std::uint64_t keyEnd = (key == 0 ? 2 : key * 2) * 1000;
            const std::uint64_t to = std::min(b.upper, keyEnd);
            counts[key] += static_cast<double>(b.count) * static_cast<double>(to - from) / width;
            from = to;
        }
    }
    return counts;
}

double movedShare(const Log2Counts& ours, const Log2Counts& theirs) {
    const auto total = [](const Log2Counts& counts) {
        double sum = 0;
        for (const auto& [lower, count] : counts) {
            sum += count;
        }
        return sum;
    };
    const double ourTotal = total(ours);
    const double theirTotal = total(theirs);
    if (ourTotal <= 0 || theirTotal <= 0) {
        return 1;
    }
    Log2Counts keys = ours;
    keys.insert(theirs.begin(), theirs.end());
    double moved = 0;
    for (const auto& [lower, unused] : keys) {
        const auto share = [&](const Log2Counts& counts, double sum) {
            const auto it = counts.find(lower);
            return it == counts.end() ? 0.0 : it->second / sum;
        };
        moved += std::abs(share(ours, ourTotal) - share(theirs, theirTotal));
    }
    return moved / 2;
}

} // namespace iolab::test
