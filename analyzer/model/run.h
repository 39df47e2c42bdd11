#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iolab {

// Abandoned is never stored: a run left `recording` whose recorder is gone reads as abandoned.
enum class RunStatus { Recording, Complete, Interrupted, Failed, Imported, Abandoned };

std::string_view toString(RunStatus status);
// Throws std::invalid_argument for a name that is not a status.
RunStatus runStatusFromString(std::string_view name);
// Still recording, or left so by a recorder that died: the run holds no data.
bool holdsNoData(RunStatus status);

// Where a run's code came from, for history across commits; each field empty when unknown.
struct Provenance {
    std::string commit; // the version-control revision measured
    std::string branch;
    std::string ci_job; // the CI system's job or run id

    bool operator==(const Provenance&) const = default;
};

// One recording or one import. Times are nanoseconds since the Unix epoch.
struct Run {
    std::int64_t id = 0; // assigned by the store; 0 until written
    std::string name;
    std::vector<std::string> tags;
    std::string series; // repetitions of one experiment share a series; empty when alone
    RunStatus status = RunStatus::Recording;
    std::string source; // "record", "import:perf-script", ...
    std::string command;
    std::int64_t start_ns = 0;
    std::int64_t end_ns = 0;
    std::map<std::string, std::string> metadata; // kernel, host, cpu, clocksource, dev.NAME.*
    Provenance provenance;
    // The run's stable identity across databases (push, pull); the store gives a new run one.
    std::string uuid;

    bool operator==(const Run&) const = default;
};

} // namespace iolab
