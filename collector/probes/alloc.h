#pragma once

#include "collector/probes/adaptive_counting.h"
#include "collector/probes/attach_plan.h"
#include "collector/probes/skeleton_probe.h"

#include <cstdint>
#include <optional>
#include <vector>

struct alloc_bpf;

namespace iolab::probes {

struct AllocOptions {
    // Attach with this mechanism only. Default: the best that works (tp_btf, raw_tp, tracepoint).
    std::optional<Mechanism> force = std::nullopt;
    // What one program run costs (PERF-NOTES: a bare tp_btf counter on kmem_cache_alloc cost
    // about 50 ns an event; this program does a hash update and four counter increments), and
    // the budget within which every allocation is counted.
    double cost_per_event_ns = 150;
    CostBudget budget{};
};

// Kernel allocations (kmalloc, kmem_cache_alloc, page allocations): count and bytes per call
// site and cache, as AllocStat rows of scope "workload" (the tracked processes; everything
// when recording system-wide) and "system" (every process, the workload included).
class AllocProbe final : public AdaptiveSkeletonProbe<alloc_bpf> {
public:
    explicit AllocProbe(const AllocOptions& options = {});
    ~AllocProbe() override;

    std::string_view name() const override { return "alloc"; }
    void attach(const ProbeScope& scope) override;
    void collect(RunRecord& record) override;

private:
    // The figures the windows estimate: allocations of the workload, and of every process.
    std::vector<std::uint64_t> figureTotals() const override;

    AllocOptions m_options;
};

} // namespace iolab::probes
