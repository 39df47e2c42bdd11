#pragma once

#include "collector/probes/attach_plan.h"
#include "collector/probes/block_devices.h"
#include "collector/probes/block_slowest.h"
#include "collector/probes/sampling_windows.h"
#include "collector/probes/skeleton_probe.h"

#include <optional>
#include <vector>

struct block_latency_bpf;
struct block_counters;

namespace iolab::probes {

// The most slowest requests a run keeps (each CPU keeps as many in the kernel).
inline constexpr std::uint32_t kMaxSlowestIos = 64;

struct BlockOptions {
    // Attach with this mechanism only. Default: the best that works on this kernel.
    std::optional<Mechanism> force = std::nullopt;
    // The slowest requests kept, with their phases and submitters (at most kMaxSlowestIos); 0
    // keeps none and takes no stacks.
    std::uint32_t slowest = 20;
};

// Block-layer phases per device and operation (probe "block"): blktrace's Q2G, G2I, I2D, D2C,
// Q2C and Q2M and the sizes of requests; bio-level Q2C and sizes on bio-based devices; merges,
// splits, requeues and plugs; completed IOs and merges from the kernel's own counters. In
// sampling windows, the histograms hold the windows' distribution scaled to the kernel's exact
// IO counts, and the event counts are scaled by the windows' coverage.
class BlockLatencyProbe : public SkeletonProbe<block_latency_bpf> {
public:
    explicit BlockLatencyProbe(const BlockOptions& options = {});
    ~BlockLatencyProbe() override;

    std::string_view name() const override { return "block"; }
    void attach(const ProbeScope& scope) override;
    void detach() override;
    void pause() override;
    void resume() override;
    void collect(RunRecord& record) override;

private:
    void collectHistograms(RunRecord& record) const;
    // Bucket counts of one histogram, summed over the CPUs.
    std::vector<std::uint64_t> bucketCounts(std::uint32_t slot, std::uint32_t op,
                                            std::uint32_t metric) const;
    // What turns the windows' histograms of (slot, op) into the whole recording's: the kernel's
    // own count of completed IOs over the sampled count where the kernel keeps one, else the
    // windows' coverage.
    double histogramScale(std::uint32_t slot, std::uint32_t op, std::uint64_t sampled) const;
    void collectCounters(RunRecord& record) const;
    block_counters summedCounters() const;

    BlockOptions m_options;
    std::vector<BlockDevice> m_devices;         // index = slot
    const SamplingWindows* m_windows = nullptr; // the recorder's, when sampling
    std::vector<std::optional<DiskStats>> m_stats_before;
    std::vector<std::optional<DiskStats>> m_stats_after;
    SlowestIos m_slowest;
};

} // namespace iolab::probes
