#pragma once

#include "bpf/block_latency.h"
#include "collector/probes/attach_plan.h"

#include <array>
#include <bpf/libbpf.h>
#include <cstdint>
#include <vector>

struct block_latency_bpf;

// The block probe's programs: which tracepoint each serves through which mechanism.
namespace iolab::probes::block {

// Indexed by enum block_op: the histograms' and slowest IOs' `operation`.
inline constexpr std::array<const char*, BLOCK_OPS> kOperations{"read", "write", "flush", "discard",
                                                                "other"};

enum class Hook {
    BioQueue,
    GetRq,
    BackMerge,
    FrontMerge,
    Split,
    RqInsert,
    RqIssue,
    RqComplete,
    RqRequeue,
    Plug,
    Unplug,
    BioComplete,
};

struct ProgramChoice {
    Mechanism mechanism;
    Hook hook;
    bpf_program* program;
};

std::vector<ProgramChoice> programsOf(block_latency_bpf& s);

// Bio completions fire for every bio of every device: attached only when a bio-based device
// is watched, the only kind timed there.
bool hookWanted(Hook hook, bool anyBioDevice);

// Runs of the loaded programs the kernel skipped because another was running on the CPU.
std::uint64_t recursionMisses(block_latency_bpf& skeleton);

} // namespace iolab::probes::block
