#include "analyzer/analysis/per_io_costs.h"

#include "analyzer/analysis/histogram_stats.h"

namespace iolab::analysis {
namespace {

// The kernel's exact request counts first (windowed histograms are scaled to them), then the
// requests the histograms hold, then fio's IOs.
void countIos(const RunRecord& record, PerIoCosts& costs) {
    double requests = 0;
    for (const Counter& counter : record.counters) {
        if (counter.name == "block.requests") {
            requests += counter.value;
        }
    }
    if (requests <= 0) {
        for (const Histogram& histogram : record.histograms) {
            if (histogram.metric == "block.total_ns") {
                requests += static_cast<double>(totalCount(histogram.buckets));
            }
        }
    }
    if (requests > 0) {
        costs.ios = static_cast<std::uint64_t>(requests);
        costs.io_source = "block requests";
        return;
    }
    for (const FioJob& job : record.fio_jobs) {
        costs.ios += job.ios;
    }
    if (costs.ios > 0) {
        costs.io_source = "fio IOs";
    }
}

const ClockSourceCost* currentSource(const RunRecord& record) {
    for (const ClockSourceCost& source : record.clock_sources) {
        if (source.current) {
            return &source;
        }
    }
    return nullptr;
}

} // namespace

PerIoCosts perIoCosts(const RunRecord& record) {
    PerIoCosts costs;
    countIos(record, costs);
    if (record.run.end_ns > record.run.start_ns) {
        costs.seconds = static_cast<double>(record.run.end_ns - record.run.start_ns) / 1e9;
    }
    const ClockSourceCost* source = currentSource(record);
    for (const ClockStat& stat : record.clocks) {
        costs.clock_reads += stat.reads;
        costs.clock_estimated = costs.clock_estimated || stat.estimated;
        if (source != nullptr) {
            const double perRead = stat.path == "syscall" ? source->syscall_ns : source->vdso_ns;
            costs.clock_ns += perRead * static_cast<double>(stat.reads);
        }
    }
    if (costs.seconds > 0) {
        costs.clock_cpu_share = costs.clock_ns / (costs.seconds * 1e9);
    }
    for (const AllocStat& stat : record.allocations) {
        if (stat.scope == "workload") {
            costs.workload_allocations += stat.count;
            costs.workload_allocation_bytes += stat.bytes;
        } else if (stat.scope == "system") {
            costs.system_allocations += stat.count;
        }
    }
    for (const LockStat& lock : record.locks) {
        costs.lock_contentions += lock.contentions;
        costs.lock_wait_ns += lock.total_wait_ns;
    }
    return costs;
}

} // namespace iolab::analysis
