#include "collector/recorder/duty_cycle.h"

#include <algorithm>

namespace iolab::recorder {

DutyCycle::DutyCycle(ProbeSet& probes, DutySchedule schedule)
    : m_probes(probes)
    , m_schedule(schedule)
    , m_random(std::random_device{}()) {
    m_probes.pause();
    planPeriod(Clock::now());
}

void DutyCycle::planPeriod(Clock::time_point start) {
    m_periodStart = start;
    const auto slack = std::chrono::duration_cast<std::chrono::microseconds>(m_schedule.period -
                                                                             m_schedule.window);
    std::uniform_int_distribution<std::int64_t> offset(0, std::max<std::int64_t>(0, slack.count()));
    m_openAt = start + std::chrono::microseconds(offset(m_random));
    m_closeAt = m_openAt + m_schedule.window;
}

DutyCycle::Clock::duration DutyCycle::advance(Clock::time_point now) {
    if (!m_open && now >= m_openAt) {
        m_probes.resume();
        m_open = true;
    }
    if (m_open && now >= m_closeAt) {
        m_probes.pause();
        m_open = false;
        // A recorder that fell behind skips the periods it missed rather than crowd them.
        planPeriod(std::max(m_periodStart + m_schedule.period, now));
    }
    const auto next = m_open ? m_closeAt : m_openAt;
    return std::max(next - Clock::now(), Clock::duration::zero());
}

} // namespace iolab::recorder
