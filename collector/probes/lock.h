#pragma once

#include "collector/probes/adaptive_counting.h"
#include "collector/probes/attach_plan.h"
#include "collector/probes/skeleton_probe.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct lock_bpf;

namespace iolab::probes {

struct LockOptions {
    // Attach with this mechanism only. Default: the best that works (tp_btf, raw_tp, tracepoint).
    std::optional<Mechanism> force = std::nullopt;
    // Only the waits of the tracked processes (ProbeScope::tracked_tgids_fd). Default: every
    // wait of the system, since the IO path also waits in interrupts and kernel threads.
    bool workload_only = false;
    // What one contention costs the probe's programs (a stack id, hash updates and a histogram
    // bucket at begin and end: about a microsecond here), and the budget within which every
    // contention is counted.
    double cost_per_event_ns = 1000;
    CostBudget budget{};
};

// The kind of lock a lock:contention_begin flags word describes: "spinlock", "mutex",
// "rwsem-read", "rwlock-write", "percpu-rwsem-read", "rtmutex", ...
std::string lockKind(std::uint32_t flags);

// Kernel lock contention, system-wide: every contended lock with the kernel stack that waited,
// its contentions, total and max wait, a log-linear wait histogram, and the slab cache of the
// object holding it where the kernel names it (bpf_get_kmem_cache).
class LockProbe final : public AdaptiveSkeletonProbe<lock_bpf> {
public:
    explicit LockProbe(const LockOptions& options = {});
    ~LockProbe() override;

    std::string_view name() const override { return "lock"; }
    void attach(const ProbeScope& scope) override;
    void collect(RunRecord& record) override;

private:
    // The one figure the windows estimate: contentions begun.
    std::vector<std::uint64_t> figureTotals() const override;

    LockOptions m_options;
    // Why the programs loaded without naming slab caches; empty when they name them.
    std::string m_cache_naming_failure;
};

} // namespace iolab::probes
