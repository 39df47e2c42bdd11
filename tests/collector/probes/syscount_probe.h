#pragma once

#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"

#include <cstdint>
#include <optional>
#include <sys/types.h>

struct syscount_bpf;

namespace iolab::probes {

struct SyscountOptions {
    // Count only this process: its tgid in the initial pid namespace. Default: every process.
    std::optional<pid_t> tgid = std::nullopt;
    // Attach with this mechanism only. Default: the best that works on this kernel.
    std::optional<Mechanism> force = std::nullopt;
};

// Counts getppid calls from construction to destruction. The smallest probe that exercises
// the whole path: build, skeleton, attach plan, per-CPU map read.
class SyscountProbe {
public:
    // Loads and attaches; throws SystemError naming each mechanism's reason when none works.
    explicit SyscountProbe(const SyscountOptions& options = {});
    ~SyscountProbe();
    SyscountProbe(const SyscountProbe&) = delete;
    SyscountProbe& operator=(const SyscountProbe&) = delete;
    SyscountProbe(SyscountProbe&&) noexcept;
    SyscountProbe& operator=(SyscountProbe&&) noexcept;

    Mechanism mechanism() const { return m_outcome.mechanism; }
    const AttachOutcome& outcome() const { return m_outcome; }

    // The calls counted so far, summed over CPUs.
    std::uint64_t count() const;

private:
    SkeletonPtr<syscount_bpf> m_skeleton;
    AttachOutcome m_outcome;
};

} // namespace iolab::probes
