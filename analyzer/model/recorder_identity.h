#pragma once

#include "analyzer/model/run.h"

#include <cstdint>
#include <map>
#include <string>
#include <sys/types.h>

namespace iolab {

// The recorder writing a run that is `recording`, kept with the run so a reader can tell a live
// recording from one whose recorder died: pid, the process's start time (so a reused pid does not
// count) and the boot and host they belong to.
struct RecorderIdentity {
    pid_t pid = 0;
    std::uint64_t start_ticks = 0; // /proc/PID/stat field 22, clock ticks since boot
    std::string boot_id;
    std::string host;
};

// This process.
RecorderIdentity currentRecorder();
// The process `pid` now; pid 0 when it does not exist.
RecorderIdentity processIdentity(pid_t pid);

void addTo(const RecorderIdentity& recorder, std::map<std::string, std::string>& metadata);

// Whether `run`, left `recording`, was left so by a recorder that is gone from this host.
// False when that cannot be told: another host's recorder, or no identity stored.
bool recorderGone(const Run& run);

} // namespace iolab
