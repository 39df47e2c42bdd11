#include "collector/probes/adaptive_counting.h"

#include "collector/probes/sampling_windows.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::probes {

CostBucket::CostBucket(CostBudget budget)
    : m_budget(budget)
    , m_tokensNs(budget.burst_ns) {}

bool CostBucket::spend(double costNs, double elapsedNs) {
    m_tokensNs = std::min(m_budget.burst_ns, m_tokensNs + m_budget.cpu_share * elapsedNs) - costNs;
    return m_tokensNs >= 0;
}

AdaptiveCounting::AdaptiveCounting(const SamplingWindows* windows, std::size_t figures,
                                   double costPerEventNs, CostBudget budget,
                                   std::uint64_t runsSoFar)
    : m_windows(windows)
    , m_costPerEventNs(costPerEventNs)
    , m_bucket(budget)
    , m_lastCheckNs(monotonicNs())
    , m_lastRuns(runsSoFar)
    , m_exactPart(figures, 0)
    , m_atOpen(figures, 0)
    , m_byWindow(figures) {}

void AdaptiveCounting::opened(std::uint64_t runs, const std::vector<std::uint64_t>& totals) {
    if (m_windows == nullptr) {
        return;
    }
    if (!m_windowed) {
        const std::int64_t now = monotonicNs();
        const double spentNs = static_cast<double>(runs - m_lastRuns) * m_costPerEventNs;
        const bool within = m_bucket.spend(spentNs, static_cast<double>(now - m_lastCheckNs));
        m_lastRuns = runs;
        m_lastCheckNs = now;
        if (within) {
            return;
        }
        // Over budget: the windows from this one on stand for the rest of the recording.
        m_windowed = true;
        m_exactPart = totals;
        m_firstWindow = m_windows->windowCount() - 1;
    }
    m_openWindow = m_windows->windowCount() - 1;
    m_atOpen = totals;
}

bool AdaptiveCounting::closed(const std::vector<std::uint64_t>& totals) {
    if (!m_windowed) {
        return false;
    }
    if (m_openWindow >= 0) {
        for (std::size_t i = 0; i < totals.size(); ++i) {
            m_byWindow[i][m_openWindow] = static_cast<double>(totals[i] - m_atOpen[i]);
        }
    }
    m_openWindow = -1;
    return true;
}

analysis::Estimate AdaptiveCounting::estimate(std::size_t figure, std::uint64_t total) const {
    if (!m_windowed) {
        return {static_cast<double>(total), 0.0, "exact"};
    }
    return m_windows->estimate(m_byWindow[figure], m_firstWindow,
                               static_cast<double>(m_exactPart[figure]));
}

void AdaptiveCounting::describe(RunRecord& record, const std::string& probe,
                                std::uint64_t runs) const {
    record.counters.push_back(
        {fmt::format("probe.{}.events", probe), {}, static_cast<double>(runs), false});
    record.counters.push_back(
        {fmt::format("probe.{}.cost_per_event_ns", probe), {}, m_costPerEventNs, false});
    record.counters.push_back({fmt::format("probe.{}.cost_ns", probe),
                               {},
                               static_cast<double>(runs) * m_costPerEventNs,
                               true});
    record.run.metadata[fmt::format("probe.{}.counting", probe)] =
        m_windowed ? fmt::format("windowed from window {}", m_firstWindow) : "exact";
}

} // namespace iolab::probes
