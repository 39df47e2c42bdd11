#include "collector/probes/process_tracker.h"

#include "bpf/process_tracker.h"
#include "process_tracker.skel.h"

#include <array>
#include <bpf/bpf.h>
#include <vector>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

static_assert(sizeof(tracker_stats) % 8 == 0);

SkeletonPtr<process_tracker_bpf> openLoadAttach(pid_t root, Mechanism mechanism) {
    checkKernelSupport(mechanism);
    auto skeleton = openSkeleton<process_tracker_bpf>();
    auto& p = skeleton->progs;
    const std::array<std::pair<Mechanism, bpf_program*>, 6> programs{{
        {Mechanism::TpBtf, p.fork_btf},
        {Mechanism::TpBtf, p.exit_btf},
        {Mechanism::RawTp, p.fork_raw},
        {Mechanism::RawTp, p.exit_raw},
        {Mechanism::Tracepoint, p.fork_tp},
        {Mechanism::Tracepoint, p.exit_tp},
    }};
    for (const auto& [programMechanism, program] : programs) {
        if (const int error = bpf_program__set_autoload(program, programMechanism == mechanism);
            error != 0) {
            throw libbpfError("set autoload", -error);
        }
    }
    if (const int error = process_tracker_bpf::load(skeleton.get()); error != 0) {
        throw libbpfError("load", -error);
    }
    // Seeded before attaching, so the workload's first fork is already followed.
    const auto key = static_cast<std::uint32_t>(root);
    const std::uint8_t one = 1;
    if (const int error = bpf_map__update_elem(skeleton->maps.tracked, &key, sizeof(key), &one,
                                               sizeof(one), BPF_ANY);
        error != 0) {
        throw libbpfError("seed the process map", -error);
    }
    if (const int error = process_tracker_bpf::attach(skeleton.get()); error != 0) {
        throw libbpfError("attach", -error);
    }
    return skeleton;
}

tracker_stats sumStats(process_tracker_bpf& skeleton) {
    const int cpus = libbpf_num_possible_cpus();
    if (cpus < 0) {
        throw libbpfError("count possible CPUs", -cpus);
    }
    std::vector<tracker_stats> values(cpus);
    const std::uint32_t key = 0;
    if (const int error =
            bpf_map__lookup_elem(skeleton.maps.tracker_stats, &key, sizeof(key), values.data(),
                                 values.size() * sizeof(tracker_stats), 0);
        error != 0) {
        throw libbpfError("read tracker stats", -error);
    }
    tracker_stats total{};
    for (const auto& v : values) {
        total.forks += v.forks;
        total.exits += v.exits;
        total.dropped += v.dropped;
    }
    return total;
}

} // namespace

ProcessTracker::ProcessTracker(pid_t root) {
    auto [skeleton, outcome] =
        attachBestFirst("process-tracker", kPlan, std::nullopt,
                        [&](Mechanism mechanism) { return openLoadAttach(root, mechanism); });
    m_skeleton = std::move(skeleton);
    m_outcome = std::move(outcome);
}

ProcessTracker::~ProcessTracker() = default;

int ProcessTracker::mapFd() const {
    return bpf_map__fd(m_skeleton->maps.tracked);
}

std::uint64_t ProcessTracker::forks() const {
    return sumStats(*m_skeleton).forks;
}

std::uint64_t ProcessTracker::dropped() const {
    return sumStats(*m_skeleton).dropped;
}

} // namespace iolab::probes
