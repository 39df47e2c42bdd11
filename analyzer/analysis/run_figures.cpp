#include "analyzer/analysis/run_figures.h"

#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace iolab {
namespace {

// Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom.
constexpr std::array<double, 30> kT95{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
constexpr double kZ95 = 1.960;

double counterSum(const RunRecord& record, std::string_view name) {
    double sum = 0;
    for (const Counter& counter : record.counters) {
        if (counter.name == name) {
            sum += counter.value;
        }
    }
    return sum;
}

} // namespace

double ioCount(const RunRecord& record) {
    if (const double requests = counterSum(record, "block.requests"); requests > 0) {
        return requests;
    }
    double ios = 0;
    for (const FioJob& job : record.fio_jobs) {
        ios += static_cast<double>(job.ios);
    }
    return ios;
}

double totalIops(const RunRecord& record) {
    double iops = 0;
    for (const FioJob& job : record.fio_jobs) {
        iops += job.iops;
    }
    return iops;
}

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

PerIoCosts perIoCosts(const RunRecord& record) {
    PerIoCosts costs;
    const double ios = ioCount(record);
    if (ios <= 0) {
        return costs;
    }
    for (const AllocStat& allocation : record.allocations) {
        costs.allocations += static_cast<double>(allocation.count);
        costs.allocated_bytes += static_cast<double>(allocation.bytes);
    }
    for (const LockStat& lock : record.locks) {
        costs.lock_contentions += static_cast<double>(lock.contentions);
        costs.lock_wait_ns += static_cast<double>(lock.total_wait_ns);
    }
    for (const ClockStat& clock : record.clocks) {
        costs.clock_reads += static_cast<double>(clock.reads);
        costs.clock_ns += static_cast<double>(clock.reads) * clockReadCostNs(record, clock.path);
    }
    for (const Sample& sample : record.profile.samples) {
        costs.cpu_samples += static_cast<double>(sample.count);
    }
    for (double* figure :
         {&costs.allocations, &costs.allocated_bytes, &costs.lock_contentions, &costs.lock_wait_ns,
          &costs.clock_reads, &costs.clock_ns, &costs.cpu_samples}) {
        *figure /= ios;
    }
    return costs;
}

Spread spreadOf(const std::vector<double>& values) {
    Spread spread;
    spread.n = values.size();
    if (values.empty()) {
        return spread;
    }
    double sum = 0;
    for (const double value : values) {
        sum += value;
    }
    spread.mean = sum / static_cast<double>(values.size());
    if (values.size() < 2) {
        return spread;
    }
    double squares = 0;
    for (const double value : values) {
        squares += (value - spread.mean) * (value - spread.mean);
    }
    const std::size_t freedom = values.size() - 1;
    const double stddev = std::sqrt(squares / static_cast<double>(freedom));
    const double t = freedom <= kT95.size() ? kT95[freedom - 1] : kZ95;
    spread.ci95 = t * stddev / std::sqrt(static_cast<double>(values.size()));
    return spread;
}

} // namespace iolab
