#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string>
#include <vector>

// Whose CPU samples a profile view counts. Every view of a run's stacks (show's CPU functions,
// --symbols, --tree, --callgraph, export, the GUI's flame and call graphs) asks scopeProfile()
// with the same scope, so they can never count different processes.
namespace iolab::analysis {

struct ProcessScope {
    enum class Kind { Workload, All, Process };
    Kind kind = Kind::Workload;
    // Kind::Process: a process name (every pid of it) or a pid in decimal.
    std::string process;
};

// One process of a profile, for a picker: its name, pid and samples of every event.
struct ProfileProcess {
    std::string name;
    std::int64_t pid = 0;
    std::uint64_t samples = 0;
};

// The profile's processes, most samples first (then name, pid).
std::vector<ProfileProcess> profileProcesses(const StackProfile& profile);

// The workload's processes: the programs any word of a run's command names, among the runs'
// profiles' processes (`chrt -f 20 fio job.fio` finds fio), sorted. Empty when none has
// samples. Comparisons ask it over both sides' runs.
std::vector<std::string> workloadProcesses(const std::vector<const RunRecord*>& runs);

struct ScopedProfile {
    StackProfile profile; // the scope's samples only, unknown frames separated (see below)
    std::string label;    // "fio", "all processes", "fio (pid 4242)": printed with the figures
    // The process names counted; empty when every process is.
    std::vector<std::string> processes;
};

// The run's profile restricted to `scope`. The workload scope falls back to every process when
// the workload's processes have no samples (an import without a command), and says so in the
// label. Call edges (opreport -c arcs) have no process and are kept only when every process
// counts. An "[unknown]" frame whose module is unknown too gets the module "NAME (process)",
// so unknown code of different programs never merges into one box. Throws InputError when a
// named process or pid has no samples, listing the profile's processes.
ScopedProfile scopeProfile(const RunRecord& record, const ProcessScope& scope);

// How views write a frame: its symbol, or "[unknown] MODULE" (module file name only) for an
// unsymbolized frame, like hotspot's "?? [module]".
std::string frameLabel(const Frame& frame);

} // namespace iolab::analysis
