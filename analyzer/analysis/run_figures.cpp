#include "analyzer/analysis/run_figures.h"

#include <map>
#include <utility>

namespace iolab {

std::vector<HistogramBucket> mergedBuckets(const RunRecord& record, std::string_view metric) {
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint64_t> sums;
    for (const Histogram& histogram : record.histograms) {
        if (histogram.metric != metric) {
            continue;
        }
        for (const HistogramBucket& bucket : histogram.buckets) {
            sums[{bucket.lower, bucket.upper}] += bucket.count;
        }
    }
    std::vector<HistogramBucket> buckets;
    buckets.reserve(sums.size());
    for (const auto& [bounds, count] : sums) {
        buckets.push_back({bounds.first, bounds.second, count});
    }
    return buckets;
}

double clockReadCostNs(const RunRecord& record, std::string_view path) {
    for (const ClockSourceCost& source : record.clock_sources) {
        if (source.current) {
            return path == "syscall" ? source.syscall_ns : source.vdso_ns;
        }
    }
    return 0;
}

} // namespace iolab
