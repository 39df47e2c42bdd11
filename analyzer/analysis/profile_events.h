#pragma once

#include "analyzer/model/stack_profile.h"

#include <string>
#include <vector>

namespace iolab::analysis {

// The events a profile holds samples or call edges of, in the order they first appear (for an
// opreport import: the order of its `Counted` header lines). Every analysis works on one event at
// a time, because the counts of different events are in different units.
std::vector<std::string> profileEvents(const StackProfile& profile);

// Maps each frame index of `profile` to the index of the first frame equal to it, so analyses
// merge frames that are the same function even when a source stored them twice.
std::vector<std::int64_t> canonicalFrames(const StackProfile& profile);

} // namespace iolab::analysis
