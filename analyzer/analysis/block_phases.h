#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iolab::analysis {

// One of blktrace's phases of one device and operation, as its histogram gives it.
struct PhaseFigure {
    std::string phase; // "Q2G", "G2I", "I2D", "D2C", "Q2M", "Q2C"
    std::uint64_t count = 0;
    double mean_ns = 0;
    double p50_ns = 0;
    double p99_ns = 0;
    double p999_ns = 0;
    // The phase's time over Q2C's (count x mean each), as btt's device overhead: how much of
    // the time from queueing to completion the phase holds. nullopt without Q2C.
    std::optional<double> share_of_q2c;
};

// The phases of one device and operation, in the order an IO passes them.
struct OperationPhases {
    std::string device;
    std::string operation;
    std::uint64_t requests = 0; // completed requests (bios on a bio-based device) counted
    std::vector<PhaseFigure> phases;
};

// iostat -x's figures of one device over the run, from the kernel's counters
// (/sys/block/NAME/stat) read when the recording started and ended.
struct IostatFigures {
    double interval_ms = 0;
    double aqu_sz = 0;                // time_in_queue / interval: requests in flight on average
    double util_percent = 0;          // io_ticks / interval: the share of time with IO in flight
    std::optional<double> r_await_ms; // read ticks / reads: mean time of a read, queue included
    std::optional<double> w_await_ms;
    std::optional<double> rareq_kib; // read bytes / reads
    std::optional<double> wareq_kib;
};

// The events of one device. Requests and merges come from the kernel's counters (exact); the
// others were counted by the probe (in the sampling windows and scaled, when it sampled).
struct DeviceEvents {
    std::string device;
    std::optional<double> requests; // reads + writes + discards + flushes completed
    std::optional<double> merges;   // reads and writes merged into a request
    double back_merges = 0;
    double front_merges = 0;
    double splits = 0;
    double requeues = 0;
    double plugs = 0;
    double unplugs = 0;
    double unplugged_requests = 0;
    double unqueued_requests = 0;        // completed without their queueing seen: not timed
    std::optional<IostatFigures> iostat; // nullopt for runs recorded without the counters

    // Requests an unplug moved to the queue on average; nullopt without unplugs.
    std::optional<double> requestsPerUnplug() const;
    // Merged bios over completed requests; nullopt without the kernel's counters.
    std::optional<double> mergeRatio() const;
};

struct BlockPhases {
    std::vector<OperationPhases> operations; // sorted by device, then operation
    std::vector<DeviceEvents> devices;       // sorted by device
    bool windowed = false;                   // counted in sampling windows and scaled
};

// The block phases of a run recorded with per-phase histograms (block.q2c_ns and the others);
// empty for a run recorded before them, or without the block probe.
BlockPhases blockPhases(const RunRecord& record);

} // namespace iolab::analysis
