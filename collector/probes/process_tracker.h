#pragma once

#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"

#include <cstdint>
#include <sys/types.h>

struct process_tracker_bpf;

namespace iolab::probes {

// The workload's process tree, kept in a BPF hash map of tgids (fork adds a tracked parent's
// child, exit removes it) that other probes filter by through mapFd().
class ProcessTracker {
public:
    // Loads, seeds the map with `root` and attaches; throws SystemError when no mechanism works.
    explicit ProcessTracker(pid_t root);
    ~ProcessTracker();
    ProcessTracker(const ProcessTracker&) = delete;
    ProcessTracker& operator=(const ProcessTracker&) = delete;
    ProcessTracker(ProcessTracker&&) = delete;
    ProcessTracker& operator=(ProcessTracker&&) = delete;

    int mapFd() const;
    const AttachOutcome& outcome() const { return m_outcome; }
    // Processes added by fork, and the children lost because the map was full.
    std::uint64_t forks() const;
    std::uint64_t dropped() const;

private:
    SkeletonPtr<process_tracker_bpf> m_skeleton;
    AttachOutcome m_outcome;
};

} // namespace iolab::probes
