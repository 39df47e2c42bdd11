#pragma once

#include "analyzer/model/run_record.h"

#include <string>
#include <vector>

namespace iolab::analysis {

// What one probe cost the machine: its program runs times the measured cost of one
// (counters probe.NAME.events and probe.NAME.cost_ns).
struct ProbeCost {
    std::string probe; // "alloc", "lock", "clock.syscall", "clock.libc"
    double events = 0;
    double cost_ns = 0;
};

// What recording a run cost: the probes' programs, which run in the context of whatever they
// observe (the workload's own threads, mostly), and the recorder's own CPU (record.cpu_seconds:
// windows, map reads).
struct RecordingCost {
    std::vector<ProbeCost> probes;
    double probes_ns = 0;
    double recorder_ns = 0;
    double seconds = 0;

    // The probes' time over the run's duration: the share of one CPU they took from the
    // workload, and so about the share of the IOPS of a workload bound by one CPU.
    double workloadShare() const { return seconds > 0 ? probes_ns / (seconds * 1e9) : 0; }
    // The recorder's own CPU over the run's duration, of one CPU.
    double recorderShare() const { return seconds > 0 ? recorder_ns / (seconds * 1e9) : 0; }
};

RecordingCost recordingCost(const RunRecord& record);

} // namespace iolab::analysis
