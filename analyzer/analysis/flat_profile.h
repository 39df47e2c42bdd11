#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iolab::analysis {

// One function (symbol in a module) of a flat profile.
struct FlatProfileEntry {
    Frame frame;
    std::uint64_t self = 0;      // samples where the function itself was running
    std::uint64_t inclusive = 0; // samples where it was on the stack (each stack counted once)
    double self_percent = 0;     // of FlatProfile::total
    double inclusive_percent = 0;
};

// The per-function summary of one event, like `opreport -l` or `perf report --no-children`.
struct FlatProfile {
    std::string event;
    std::uint64_t total = 0; // all samples of the event (and process filter)
    // Sorted by self descending, then inclusive descending, then symbol, module: deterministic.
    std::vector<FlatProfileEntry> entries;
};

struct FlatProfileOptions {
    std::string event;                  // required; see profileEvents()
    std::vector<std::string> processes; // only these (Sample::process) when not empty
};

// Self counts come from the innermost frame of each sample's stack. Inclusive counts come from
// the stacks, counting a function once per stack even when it recurses. For a source that gives
// call arcs instead of stacks (opreport -c: call edges of the event exist), a function's
// inclusive count is its self count plus the counts of its arcs to other functions, which is how
// opreport derives the callee totals. Entries with no samples are left out.
FlatProfile buildFlatProfile(const StackProfile& profile, const FlatProfileOptions& options);

} // namespace iolab::analysis
