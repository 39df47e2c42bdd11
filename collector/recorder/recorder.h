#pragma once

#include "analyzer/analysis/run_labels.h"
#include "collector/probes/registry.h"
#include "collector/recorder/duty_cycle.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::recorder {

// What `iolab record` does; the command line only fills this.
struct RecordOptions {
    std::vector<std::string> probes; // empty: probes::defaultProbes()
    std::string name;                // empty: the workload's program name
    std::vector<std::string> tags;
    std::string series; // repetitions of one experiment share it
    RunLabels labels;   // provenance and the user's metadata (--meta)
    std::filesystem::path db = "iolab.db";
    bool strict = false;              // a probe that cannot attach is fatal
    bool verbose = false;             // show libbpf's own messages
    std::vector<std::string> command; // the workload (`-- CMD...`)
    std::optional<pid_t> pid;         // or: observe this running process (-p)
    bool system_wide = false;         // or: observe everything (-a)
    std::optional<double> duration_s; // -p / -a: stop after this long (else Ctrl-C)
    DutySchedule duty;                // sampling windows of the per-event probes
    probes::ProbeSettings probe_settings;
    int repeat = 1; // recordSeries: runs of the series
};

struct RecordResult {
    std::int64_t run_id = 0;
    RunStatus status = RunStatus::Complete;
    int exit_code = 0; // the workload's (or 130 when interrupted)
};

// Records one run: checks support, attaches the probes, runs or watches the workload, writes
// the run (first as `recording`, then in one transaction) and prints progress on stderr.
// Throws InputError / SystemError before anything is written when it cannot start.
RecordResult record(const RecordOptions& options);

// Checks the options (InputError naming the first problem), then records options.repeat runs
// as one series (default name: PROGRAM-YYYYMMDD-HHMMSS). An interrupted or failing workload
// ends the series; the runs recorded stay. Returns the last run's result.
RecordResult recordSeries(RecordOptions options);

} // namespace iolab::recorder
