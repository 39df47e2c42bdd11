#pragma once

#include "collector/recorder/recorder.h"
#include "collector/sweep/knob.h"
#include "collector/sweep/settings_journal.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace iolab::sweep {

// What `iolab sweep` does; the command line only fills this.
struct SweepOptions {
    std::vector<Knob> knobs;        // --set, at least one
    int repeat = 1;                 // runs per cell
    bool interleave = true;         // round-robin over the cells (see runOrder)
    bool pairwise = false;          // every pair of values instead of every combination
    std::string name;               // empty: sweep-YYYYMMDD-HHMMSS (UTC)
    recorder::RecordOptions record; // the workload, probes, database, extra tags
    std::filesystem::path state_file = defaultStateFile();
};

struct SweepResult {
    std::string name;
    std::vector<std::int64_t> run_ids; // in the order they ran
    int exit_code = 0;                 // 0; the failing workload's; 130 when interrupted
};

// Checks everything first (the knobs, each cell applied once and read back, fio's parse of
// each cell's jobs; InputError naming the first problem, with every setting back as it was),
// then records the workload in every cell `repeat` times. Each run carries the tags
// sweep:NAME and set:KNOB=VALUE (the value read back after applying) and joins the series
// NAME/CELL. Every setting is restored at the end, on Ctrl-C or SIGTERM (which end the sweep
// after the current run), and when a workload fails (which ends it too).
SweepResult runSweep(const SweepOptions& options);

// `iolab sweep --restore`: puts back the device settings a killed sweep left (its state file)
// and a clock source the switcher's guard could not restore (its own state file).
RestoreReport restoreKilledSweep(const std::filesystem::path& stateFile);

} // namespace iolab::sweep
