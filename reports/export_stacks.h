#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <string>
#include <vector>

// What the stack exports (speedscope, pprof) share: which events have stacks, and each
// sample's stack from its outermost frame.
namespace iolab::reports {

// The events with stack samples, in the order they first appear; throws InputError naming
// the run's problem when there are none.
std::vector<std::string> eventsWithSamples(const StackProfile& profile);

// The frame indices (canonical: equal frames share the first index) of `node`'s stack,
// outermost first.
std::vector<std::int64_t> stackFrames(const StackProfile& profile,
                                      const std::vector<std::int64_t>& canonical,
                                      std::int64_t node);

} // namespace iolab::reports
