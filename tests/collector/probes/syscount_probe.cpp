#include "tests/collector/probes/syscount_probe.h"

#include "bpf/syscount.h"
#include "syscount.skel.h"

#include <array>
#include <sys/syscall.h>
#include <vector>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

// Per-CPU map values are copied out at an 8-byte stride; a multiple of 8 makes the stride
// equal sizeof and a plain array of values correct.
static_assert(sizeof(syscount_value) % 8 == 0);

SkeletonPtr<syscount_bpf> openLoadAttach(const SyscountOptions& options, Mechanism mechanism) {
    checkKernelSupport(mechanism);
    auto skeleton = openSkeleton<syscount_bpf>();
    skeleton->rodata->filter_tgid = options.tgid.has_value();
    skeleton->rodata->targ_tgid = options.tgid.value_or(0);
    skeleton->rodata->targ_syscall_nr = SYS_getppid;

    const std::array<std::pair<Mechanism, bpf_program*>, kPlan.size()> programs{{
        {Mechanism::TpBtf, skeleton->progs.syscount_btf},
        {Mechanism::RawTp, skeleton->progs.syscount_raw},
        {Mechanism::Tracepoint, skeleton->progs.syscount_tp},
    }};
    // Only the chosen program loads: the others could fail to load on this kernel, and
    // would count each call a second time if they attached.
    for (const auto& [programMechanism, program] : programs) {
        if (const int error = bpf_program__set_autoload(program, programMechanism == mechanism);
            error != 0) {
            throw libbpfError("set autoload", -error);
        }
    }
    loadAndAttach(*skeleton);
    return skeleton;
}

} // namespace

SyscountProbe::SyscountProbe(const SyscountOptions& options) {
    auto [skeleton, outcome] =
        attachBestFirst("syscount", kPlan, options.force,
                        [&](Mechanism mechanism) { return openLoadAttach(options, mechanism); });
    m_skeleton = std::move(skeleton);
    m_outcome = std::move(outcome);
}

SyscountProbe::~SyscountProbe() = default;
SyscountProbe::SyscountProbe(SyscountProbe&&) noexcept = default;
SyscountProbe& SyscountProbe::operator=(SyscountProbe&&) noexcept = default;

std::uint64_t SyscountProbe::count() const {
    const int cpus = libbpf_num_possible_cpus();
    if (cpus < 0) {
        throw libbpfError("count possible CPUs", -cpus);
    }
    std::vector<syscount_value> values(cpus);
    const std::uint32_t key = 0;
    if (const int error =
            bpf_map__lookup_elem(m_skeleton->maps.counts, &key, sizeof(key), values.data(),
                                 values.size() * sizeof(syscount_value), 0);
        error != 0) {
        throw libbpfError("read counts", -error);
    }
    std::uint64_t total = 0;
    for (const syscount_value& value : values) {
        total += value.calls;
    }
    return total;
}

} // namespace iolab::probes
