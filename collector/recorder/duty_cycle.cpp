#include "collector/recorder/duty_cycle.h"

#include <algorithm>

namespace iolab::recorder {

DutyCycle::DutyCycle(ProbeSet& probes, DutySchedule schedule, probes::SamplingWindows& windows)
    : m_probes(probes)
    , m_schedule(schedule)
    , m_windows(windows)
    , m_random(std::random_device{}()) {
    m_probes.closeWindows();
    m_probes.pause();
    m_windows.start();
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

// Every probe attaches before any counts, and every one stops counting before any detaches:
// the windows hold none of the disturbance of attaching and detaching.
void DutyCycle::openWindow() {
    m_probes.resume();
    m_windows.open();
    m_probes.openWindows();
    m_open = true;
}

void DutyCycle::closeWindow() {
    m_probes.closeWindows();
    m_windows.close();
    m_probes.pause();
    m_open = false;
}

DutyCycle::Clock::duration DutyCycle::advance(Clock::time_point now) {
    if (!m_open && now >= m_openAt) {
        openWindow();
    }
    if (m_open && now >= m_closeAt) {
        closeWindow();
        // A recorder that fell behind skips the periods it missed rather than crowd them.
        planPeriod(std::max(m_periodStart + m_schedule.period, now));
    }
    const auto next = m_open ? m_closeAt : m_openAt;
    return std::max(next - Clock::now(), Clock::duration::zero());
}

void DutyCycle::finish() {
    if (m_open) {
        closeWindow();
    }
    m_windows.stop();
}

} // namespace iolab::recorder
