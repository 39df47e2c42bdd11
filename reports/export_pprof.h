#pragma once

#include "analyzer/model/stack_profile.h"

#include <string>

namespace iolab::reports {

// The profile as pprof's gzipped profile.proto (github.com/google/pprof, proto/profile.proto),
// the format `go tool pprof` and Parca read: one sample type per event (unit "count"), each
// sample one (stack, process, pid) with its count of every event and "process"/"pid" labels,
// one function and location per frame, one mapping per module. The default sample type is the
// event with the most samples. Throws InputError when there are no samples.
std::string exportPprof(const StackProfile& profile);

} // namespace iolab::reports
