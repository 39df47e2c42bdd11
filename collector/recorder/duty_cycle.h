#pragma once

#include "collector/probes/sampling_windows.h"
#include "collector/recorder/probe_set.h"

#include <chrono>
#include <random>

namespace iolab::recorder {

// How much of a recording the per-event probes run: one window of `window` in every `period`.
struct DutySchedule {
    std::chrono::milliseconds window{25};
    std::chrono::milliseconds period{500};

    bool alwaysOn() const { return window >= period; }
};

// Opens and closes the probes' sampling windows on the schedule, and keeps their record in
// `windows`. Each period holds one window at a random offset, so that nothing periodic in the
// workload lines up with the windows and every moment of the recording is as likely to be
// sampled.
class DutyCycle {
public:
    using Clock = std::chrono::steady_clock;

    // Pauses the probes (attached and counting) until the first window.
    DutyCycle(ProbeSet& probes, DutySchedule schedule, probes::SamplingWindows& windows);

    // Opens or closes the window due by `now`; returns how long until the next edge.
    Clock::duration advance(Clock::time_point now);
    // Closes the window if open and ends the record, before the probes detach.
    void finish();

private:
    void planPeriod(Clock::time_point start);
    void openWindow();
    void closeWindow();

    ProbeSet& m_probes;
    DutySchedule m_schedule;
    probes::SamplingWindows& m_windows;
    std::minstd_rand m_random;
    bool m_open = false;
    Clock::time_point m_periodStart;
    Clock::time_point m_openAt;
    Clock::time_point m_closeAt;
};

} // namespace iolab::recorder
