#include "collector/probes/adaptive_counting.h"

#include "collector/probes/sampling_windows.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::probes {

AdaptiveCounting::AdaptiveCounting(const SamplingWindows* windows, std::size_t figures,
                                   double costPerEventNs, CostBudget budget)
    : m_windows(windows)
    , m_costPerEventNs(costPerEventNs)
    , m_budget(budget)
    , m_tokensNs(budget.burst_ns)
    , m_lastCheckNs(monotonicNs())
    , m_exactPart(figures, 0)
    , m_atOpen(figures, 0)
    , m_byWindow(figures) {}

void AdaptiveCounting::opened(const std::vector<std::uint64_t>& totals) {
    if (!m_windowed || m_windows == nullptr) {
        return;
    }
    m_openWindow = m_windows->windowCount() - 1;
    m_atOpen = totals;
}

bool AdaptiveCounting::closed(std::uint64_t runs, const std::vector<std::uint64_t>& totals) {
    if (m_windows == nullptr) {
        return false;
    }
    if (m_windowed) {
        if (m_openWindow >= 0) {
            for (std::size_t i = 0; i < totals.size(); ++i) {
                m_byWindow[i][m_openWindow] = static_cast<double>(totals[i] - m_atOpen[i]);
            }
        }
        m_openWindow = -1;
        return true;
    }
    const std::int64_t now = monotonicNs();
    const double spentNs = static_cast<double>(runs - m_lastRuns) * m_costPerEventNs;
    m_tokensNs = std::min(m_budget.burst_ns,
                          m_tokensNs + m_budget.cpu_share * static_cast<double>(now - m_lastCheckNs)) -
                 spentNs;
    m_lastRuns = runs;
    m_lastCheckNs = now;
    if (m_tokensNs >= 0) {
        return false;
    }
    // Over budget: what was counted so far is exact; the rest is estimated from the windows
    // that follow this one.
    m_windowed = true;
    m_exactPart = totals;
    m_firstWindow = m_windows->windowCount();
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
