#pragma once

#include "analyzer/model/run_record.h"
#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"

#include <bpf/libbpf.h>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iolab::probes {

// A BPF program written for one attach mechanism.
struct MechanismProgram {
    Mechanism mechanism{};
    bpf_program* program = nullptr;
};

// Leaves only the programs of `chosen` to load: the others could fail to load on this kernel
// and would count every event a second time if they attached.
void autoloadOnly(std::span<const MechanismProgram> programs, Mechanism chosen);

// The addresses of stack `id` of the stack-trace map `fd`, innermost first; empty when the id
// is negative or the stack is gone.
std::vector<std::uint64_t> readStack(int stackMapFd, std::int64_t id, std::size_t depth);

// Sum of slot `index` of a per-CPU array of u64 counters.
std::uint64_t readPerCpuCounter(int fd, std::uint32_t index);

// Records how the probe attached: metadata probe.NAME.mechanism and, for each mechanism
// that failed first, probe.NAME.fallback.MECHANISM = reason.
void addAttachMetadata(RunRecord& record, std::string_view probe, const AttachOutcome& outcome);

// Appends a counter `name` with the given dimensions.
void addCounter(RunRecord& record, std::string name, double value,
                std::map<std::string, std::string> dimensions = {}, bool estimated = false);

// Before load: the skeleton's programs count only the workload's processes, through the process
// tracker's map `trackedFd` (see bpf/probe_common.h); all of them when it is -1 (system-wide).
template <class Skeleton>
void filterByWorkload(Skeleton& skeleton, int trackedFd) {
    if (trackedFd < 0) {
        return;
    }
    skeleton.rodata->filter_workload = true;
    if (const int error = bpf_map__reuse_fd(skeleton.maps.tracked_tgids, trackedFd); error != 0) {
        throw libbpfError("reuse the tracked processes map", -error);
    }
}

// The pause and resume of a probe whose per-event programs all attach through its skeleton.
template <class Skeleton>
void detachSkeleton(Skeleton* skeleton) {
    if (skeleton != nullptr) {
        Skeleton::detach(skeleton);
    }
}

// Attaches what is not attached (a no-op when all is).
template <class Skeleton>
void reattachSkeleton(Skeleton* skeleton) {
    if (skeleton == nullptr) {
        return;
    }
    if (const int error = Skeleton::attach(skeleton); error != 0) {
        Skeleton::detach(skeleton);
        throw libbpfError("attach again for a sampling window", -error);
    }
}

} // namespace iolab::probes
