#pragma once

#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"
#include "collector/probes/probe.h"
#include "collector/probes/sampling_windows.h"

#include <optional>

struct alloc_bpf;

namespace iolab::probes {

struct AllocOptions {
    // Attach with this mechanism only. Default: the best that works (tp_btf, raw_tp, tracepoint).
    std::optional<Mechanism> force = std::nullopt;
};

// Kernel allocations (kmalloc, kmem_cache_alloc, page allocations): count and bytes per call
// site and cache, as AllocStat rows of scope "workload" (the tracked processes; everything
// when recording system-wide) and "system" (every process, the workload included).
class AllocProbe final : public Probe {
public:
    explicit AllocProbe(const AllocOptions& options = {});
    ~AllocProbe() override;

    std::string_view name() const override { return "alloc"; }
    void attach(const ProbeScope& scope) override;
    void detach() override;
    void pause() override;
    void resume() override;
    void openWindow() override;
    void closeWindow() override;
    void collect(RunRecord& record) override;

    const AttachOutcome& outcome() const { return m_outcome; }

private:
    AllocOptions m_options;
    SkeletonPtr<alloc_bpf> m_skeleton;
    AttachOutcome m_outcome;
    const SamplingWindows* m_windows = nullptr; // the recorder's, when sampling
};

} // namespace iolab::probes
