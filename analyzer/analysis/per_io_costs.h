#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string>

namespace iolab::analysis {

// What each IO of a run cost beside its latency: clock reads, kernel allocations, lock waits.
// Derived from the run's rows, never stored: the divisor is the block requests of the run (the
// kernel's block.requests counters, else the block.total_ns histograms), else fio's IOs.
struct PerIoCosts {
    std::uint64_t ios = 0;
    std::string io_source; // "block requests", "fio IOs", or empty when the run has neither
    double seconds = 0;

    std::uint64_t clock_reads = 0;
    bool clock_estimated = false;
    double clock_ns = 0;        // reads times the measured cost per read of the run's source
    double clock_cpu_share = 0; // clock_ns over the run's duration: of one CPU
    std::uint64_t workload_allocations = 0;
    std::uint64_t workload_allocation_bytes = 0;
    std::uint64_t system_allocations = 0;
    std::uint64_t lock_contentions = 0;
    std::uint64_t lock_wait_ns = 0;

    // Per IO; 0 when the run has no IOs.
    double perIo(double value) const { return ios == 0 ? 0 : value / static_cast<double>(ios); }
    // Per second; 0 when the run has no duration.
    double perSecond(double value) const { return seconds <= 0 ? 0 : value / seconds; }
};

PerIoCosts perIoCosts(const RunRecord& record);

} // namespace iolab::analysis
