#pragma once

#include "analyzer/analysis/window_estimate.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iolab::analysis {

// One row of the per-IO costs `iolab show` and the GUI's Summary print: a total, with how it
// was obtained and its 95% interval.
struct PerIoCostRow {
    std::string name; // "clock reads", "lock wait (ns, system)", ...
    Estimate total;
};

// What each IO of a run cost beside its latency: clock reads, kernel allocations, lock waits.
// Derived from the run's rows and figures, never stored: the divisor is analysis::ioCount. A
// count is the recorder's figure (exact, or estimated with its 95% interval: see
// window_estimate.h) when the run has one, else the sum of its rows.
struct PerIoCosts {
    std::uint64_t ios = 0;
    std::string io_source; // "block requests", "fio IOs", or empty when the run has neither
    double seconds = 0;

    Estimate clock_reads;       // libc and system calls
    double clock_ns = 0;        // reads times the measured cost per read of the run's source
    double clock_cpu_share = 0; // clock_ns over the run's duration: of one CPU
    Estimate workload_allocations;
    std::uint64_t workload_allocation_bytes = 0;
    Estimate system_allocations;
    bool allocations_split = false; // the run told the workload's allocations from the system's
    Estimate lock_contentions;      // the recorder's own waits left out
    std::uint64_t lock_wait_ns = 0;

    // Per IO; 0 when the run has no IOs.
    double perIo(double value) const { return ios == 0 ? 0 : value / static_cast<double>(ios); }
    // An estimate per IO: its value and interval divided by the IOs.
    Estimate perIo(const Estimate& estimate) const;
    // The allocations a comparison weighs: the workload's own when the run split them out,
    // else every allocation.
    Estimate allocations() const;
    // The rows every view prints, in order. A time or byte total comes from the same windows
    // as its count: it carries the count's method and relative interval.
    std::vector<PerIoCostRow> rows() const;
    // Per second; 0 when the run has no duration.
    double perSecond(double value) const { return seconds <= 0 ? 0 : value / seconds; }
};

PerIoCosts perIoCosts(const RunRecord& record);

} // namespace iolab::analysis
