#pragma once

#include <algorithm>
#include <cstdint>

namespace iolab::probes {

// A thread's calls counted in a sampling window, scaled to the time the window stands for.
// Within the window each probed call cost `hitCostNs` extra (a uprobe trap), so a busy thread
// made fewer calls than it would unobserved: its unobserved rate is its calls over the time
// it spent outside the traps. The floor of 5% of the window bounds the correction when traps
// filled the window.
inline double extrapolateWindow(std::uint64_t calls, double windowNs, double coveredNs,
                                double hitCostNs) {
    if (windowNs <= 0) {
        return 0;
    }
    const double outsideTraps =
        std::max(windowNs - static_cast<double>(calls) * hitCostNs, 0.05 * windowNs);
    return static_cast<double>(calls) / outsideTraps * coveredNs;
}

// Token bucket of uprobe hits: counting stays exact while the hits stay within `burst` plus
// `ratePerSecond` since the start.
class HitBudget {
public:
    HitBudget(double burst, double ratePerSecond)
        : m_burst(burst)
        , m_rate(ratePerSecond)
        , m_tokens(burst) {}

    // Spends `hits` made over `seconds`; false once the budget is exhausted.
    bool spend(std::uint64_t hits, double seconds) {
        m_tokens = std::min(m_burst, m_tokens + m_rate * seconds) - static_cast<double>(hits);
        return m_tokens >= 0;
    }

private:
    double m_burst;
    double m_rate;
    double m_tokens;
};

} // namespace iolab::probes
