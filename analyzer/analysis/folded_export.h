#pragma once

#include "analyzer/model/stack_profile.h"

#include <string>

namespace iolab::analysis {

struct FoldedExportOptions {
    // The event to export; empty: the event with the largest total count.
    std::string event;
};

// The event exportFolded uses when none is named: the one with the largest total count
// (the first such in sample order on a tie); empty for a profile without samples.
std::string defaultFoldedEvent(const StackProfile& profile);

// One event's stacks as folded lines, "outer;...;inner COUNT\n", the way flamegraph.pl and
// inferno read them: frames are plain symbols, kernel and kernel-module frames carry perf's
// "_[k]" suffix, processes are merged, and lines are sorted so the same run always gives the
// same bytes. Throws InputError when the profile has no samples of the event.
std::string exportFolded(const StackProfile& profile, const FoldedExportOptions& options);

} // namespace iolab::analysis
