#pragma once

#include "analyzer/analysis/window_estimate.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace iolab::probes {

class SamplingWindows;

// What a probe may cost the machine while it counts every event: `burst_ns` of CPU at once
// (a short run is counted whole), then `cpu_share` of one CPU sustained.
struct CostBudget {
    double burst_ns = 20e6;
    double cpu_share = 0.005;
};

// The budget as a token bucket of nanoseconds: full at the start, refilled at `cpu_share` of
// the time that passes, never above `burst_ns`.
class CostBucket {
public:
    explicit CostBucket(CostBudget budget);
    // Spends `costNs` after `elapsedNs` of refill; false once the bucket is overdrawn.
    bool spend(double costNs, double elapsedNs);

private:
    CostBudget m_budget;
    double m_tokensNs;
};

// Counting that adapts to its cost. A probe whose programs run on every event of some kind
// counts all of them while its runs times `cost_per_event_ns` stay within the budget, and
// from the first window edge past it only inside the recorder's sampling windows. Each of its
// figures (a count it keeps in a per-CPU counter) is then exact, or an estimate with a 95%
// interval from the windows (SamplingWindows::estimate). Without windows (`--duty 100`) it
// stays exact.
class AdaptiveCounting {
public:
    // `runsSoFar`: the programs' runs before the workload starts (a calibration), not spent
    // from the budget.
    AdaptiveCounting(const SamplingWindows* windows, std::size_t figures, double costPerEventNs,
                     CostBudget budget = {}, std::uint64_t runsSoFar = 0);

    // True once the probe counts in windows only: between them it stops counting, and may
    // detach (pause/resume).
    bool windowed() const { return m_windowed; }
    // At a window's opening (after SamplingWindows::open), with the programs' runs so far and
    // each figure's running total. Past the budget, counting turns windowed from this window
    // on: what was counted before it is exact. The probe counts in the window either way.
    void opened(std::uint64_t runs, const std::vector<std::uint64_t>& totals);
    // At a window's closing (before SamplingWindows::close), with each figure's running total.
    // Returns true when the probe must stop counting until the next window opens.
    bool closed(const std::vector<std::uint64_t>& totals);

    // The figure's estimate for the whole recording, given its total as counted.
    analysis::Estimate estimate(std::size_t figure, std::uint64_t total) const;
    // Counters probe.NAME.events (program runs), probe.NAME.cost_per_event_ns and
    // probe.NAME.cost_ns (their product: what the probe cost the workload's CPUs), and
    // metadata probe.NAME.counting (exact, or windowed and since which window).
    void describe(RunRecord& record, const std::string& probe, std::uint64_t runs) const;

private:
    const SamplingWindows* m_windows;
    double m_costPerEventNs;
    CostBucket m_bucket;
    bool m_windowed = false;
    std::int64_t m_lastCheckNs;
    std::uint64_t m_lastRuns = 0;
    int m_firstWindow = 0;
    int m_openWindow = -1;
    std::vector<std::uint64_t> m_exactPart;
    std::vector<std::uint64_t> m_atOpen;
    std::vector<std::map<int, double>> m_byWindow;
};

} // namespace iolab::probes
