#include "tests/collector/probes/syscount_probe.h"

#include "bpf/syscount.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
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

    const std::array<MechanismProgram, kPlan.size()> programs{{
        {Mechanism::TpBtf, skeleton->progs.syscount_btf},
        {Mechanism::RawTp, skeleton->progs.syscount_raw},
        {Mechanism::Tracepoint, skeleton->progs.syscount_tp},
    }};
    autoloadOnly(programs, mechanism);
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
    std::uint64_t total = 0;
    for (const syscount_value& value :
         readPerCpu<syscount_value>(bpf_map__fd(m_skeleton->maps.counts), 0U)) {
        total += value.calls;
    }
    return total;
}

} // namespace iolab::probes
