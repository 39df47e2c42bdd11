#include "analyzer/analysis/per_io_costs.h"

#include "analyzer/analysis/io_count.h"

namespace iolab::analysis {
namespace {

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
    const IoCount count = ioCount(record);
    costs.ios = count.ios;
    costs.io_source = count.source;
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
