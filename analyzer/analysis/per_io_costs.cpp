#include "analyzer/analysis/per_io_costs.h"

#include "analyzer/analysis/io_count.h"

#include <cmath>

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

// The recorder's figure, or for a run without one (an older or imported run) the sum of its
// rows, estimated with no interval when the rows say they were.
Estimate figureOr(const RunRecord& record, std::string_view name, double rowsTotal,
                  bool rowsEstimated) {
    if (auto figure = findEstimate(record, name)) {
        return *figure;
    }
    if (rowsEstimated) {
        return {rowsTotal, std::nullopt, "windowed"};
    }
    return {rowsTotal, 0.0, "exact"};
}

// The sum of two independent figures: exact when both are.
Estimate sum(const Estimate& a, const Estimate& b) {
    Estimate total{a.value + b.value, std::nullopt, a.exact() ? b.method : a.method};
    if (a.ci95 && b.ci95) {
        total.ci95 = std::hypot(*a.ci95, *b.ci95);
    }
    return total;
}

// Runs recorded in sampling windows scaled their rows; before their figures were stored, that
// is all a reader can tell.
bool sampled(const RunRecord& record) {
    return record.run.metadata.count("record.duty_cycle") != 0;
}

// A total measured with `count` (bytes of allocations, time of clock reads).
Estimate alongside(double value, const Estimate& count) {
    Estimate total{value, std::nullopt, count.method};
    if (count.exact()) {
        total.ci95 = 0.0;
    } else if (count.ci95 && count.value > 0) {
        total.ci95 = *count.ci95 * value / count.value;
    }
    return total;
}

} // namespace

std::vector<PerIoCostRow> PerIoCosts::rows() const {
    return {
        {"clock reads", clock_reads},
        {"clock read time (ns)", alongside(clock_ns, clock_reads)},
        {"allocations (workload)", workload_allocations},
        {"allocation bytes (workload)",
         alongside(static_cast<double>(workload_allocation_bytes), workload_allocations)},
        {"allocations (system)", system_allocations},
        {"lock contentions (system)", lock_contentions},
        {"lock wait (ns, system)", alongside(static_cast<double>(lock_wait_ns), lock_contentions)},
    };
}

Estimate PerIoCosts::perIo(const Estimate& estimate) const {
    Estimate per = estimate;
    per.value = perIo(estimate.value);
    if (per.ci95) {
        per.ci95 = perIo(*per.ci95);
    }
    return per;
}

Estimate PerIoCosts::allocations() const {
    return allocations_split ? workload_allocations : sum(workload_allocations, system_allocations);
}

PerIoCosts perIoCosts(const RunRecord& record) {
    PerIoCosts costs;
    const IoCount count = ioCount(record);
    costs.ios = count.ios;
    costs.io_source = count.source;
    if (record.run.end_ns > record.run.start_ns) {
        costs.seconds = static_cast<double>(record.run.end_ns - record.run.start_ns) / 1e9;
    }
    const ClockSourceCost* source = currentSource(record);
    double libcRows = 0;
    double syscallRows = 0;
    bool libcEstimated = false;
    bool syscallEstimated = false;
    for (const ClockStat& stat : record.clocks) {
        const bool syscall = stat.path == "syscall";
        (syscall ? syscallRows : libcRows) += static_cast<double>(stat.reads);
        (syscall ? syscallEstimated : libcEstimated) |= stat.estimated;
        if (source != nullptr) {
            const double perRead = syscall ? source->syscall_ns : source->vdso_ns;
            costs.clock_ns += perRead * static_cast<double>(stat.reads);
        }
    }
    costs.clock_reads = sum(figureOr(record, "clock.libc_reads", libcRows, libcEstimated),
                            figureOr(record, "clock.syscall_reads", syscallRows, syscallEstimated));
    if (costs.seconds > 0) {
        costs.clock_cpu_share = costs.clock_ns / (costs.seconds * 1e9);
    }
    double workloadRows = 0;
    double systemRows = 0;
    for (const AllocStat& stat : record.allocations) {
        if (stat.scope == "workload") {
            costs.allocations_split = true;
            workloadRows += static_cast<double>(stat.count);
            costs.workload_allocation_bytes += stat.bytes;
        } else if (stat.scope == "system") {
            systemRows += static_cast<double>(stat.count);
        }
    }
    costs.workload_allocations =
        figureOr(record, "alloc.workload_allocations", workloadRows, sampled(record));
    costs.allocations_split |= findEstimate(record, "alloc.workload_allocations").has_value();
    costs.system_allocations =
        figureOr(record, "alloc.system_allocations", systemRows, sampled(record));
    double contentionRows = 0;
    for (const LockStat& lock : record.locks) {
        contentionRows += static_cast<double>(lock.contentions);
        costs.lock_wait_ns += lock.total_wait_ns;
    }
    costs.lock_contentions = figureOr(record, "lock.contentions", contentionRows, sampled(record));
    return costs;
}

} // namespace iolab::analysis
