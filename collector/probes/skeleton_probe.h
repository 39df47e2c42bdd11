#pragma once

#include "collector/probes/adaptive_counting.h"
#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"
#include "collector/probes/probe.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace iolab::probes {

// A probe whose programs all come from one bpftool skeleton with a `counting` switch in its
// .data (STYLE.md §1-3): it owns the skeleton and how it attached, stores that with the run,
// counts only inside the sampling windows and detaches to stop measuring. Only a loader sees
// its skeleton's type: the members are defined in skeleton_probe_impl.h, and each loader
// instantiates them for its skeleton (`template class SkeletonProbe<NAME_bpf>;`).
template <class Skeleton>
class SkeletonProbe : public Probe {
public:
    void openWindow() override;
    void closeWindow() override;
    void detach() override;
    const AttachOutcome& outcome() const { return m_outcome; }

protected:
    // Keeps the skeleton of the first mechanism of `plan` (or only `force`) for which
    // `openLoadAttach(mechanism)` returns one.
    template <class OpenLoadAttach>
    void attachBest(std::span<const Mechanism> plan, std::optional<Mechanism> force,
                    OpenLoadAttach&& openLoadAttach);
    void setCounting(bool counting);
    // Between windows: the per-event programs off the kernel's hooks, and back on.
    void detachPrograms();
    void reattachPrograms();
    // Slot `index` of the skeleton's per-CPU array of u64 counters, summed over the CPUs.
    std::uint64_t counter(std::uint32_t index) const;
    // Metadata probe.NAME.mechanism and probe.NAME.fallback.MECHANISM.
    void addAttachMetadata(RunRecord& record) const;

    SkeletonPtr<Skeleton> m_skeleton;
    AttachOutcome m_outcome;
};

// A skeleton probe whose figures are per-CPU counters counted adaptively (AdaptiveCounting):
// a window opens with the programs' runs so far and the figures' totals, counting on; it
// closes with counting off once the probe counts in windows only. Between windows such a probe
// detaches its programs too, unless it stays attached (attaching costs more than it spares).
template <class Skeleton>
class AdaptiveSkeletonProbe : public SkeletonProbe<Skeleton> {
public:
    enum class BetweenWindows { Detach, StayAttached };

    // `runsCounter`: the slot of the skeleton's counters that counts its programs' runs.
    AdaptiveSkeletonProbe(std::uint32_t runsCounter, BetweenWindows betweenWindows);

    void pause() override;
    void resume() override;
    void openWindow() override;
    void closeWindow() override;

protected:
    // Each figure's running total, in the order AdaptiveCounting numbers the figures.
    virtual std::vector<std::uint64_t> figureTotals() const = 0;
    // Counters and metadata of how the probe counted (AdaptiveCounting::describe).
    void describeCounting(RunRecord& record) const;

    std::optional<AdaptiveCounting> m_counting;

private:
    bool detachesBetweenWindows() const;

    std::uint32_t m_runsCounter;
    bool m_detachBetweenWindows;
};

} // namespace iolab::probes
