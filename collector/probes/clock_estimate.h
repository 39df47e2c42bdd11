#pragma once

#include <algorithm>
#include <cstdint>

namespace iolab::probes {

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
