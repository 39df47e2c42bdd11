#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace iolab::probes {

// CLOCK_MONOTONIC in nanoseconds: the clock of bpf_ktime_get_ns() and of the kernel's stamps.
std::int64_t monotonicNs();

// When a probe's programs were attached during a recording: from attach() to detach(), in
// windows opened and closed by the recorder's duty cycle. Counts made in the windows stand for
// the whole recording once divided by coverage().
class SamplingWindows {
public:
    // attach(): the recording starts with the window open.
    void start();
    // detach(): closes the window if open; the recording ends.
    void stop();
    // False when the window already was open (or closed): nothing to do.
    bool open();
    bool close();

    bool isOpen() const { return m_openSinceNs >= 0; }
    // Share of the recording the windows covered (1 when never closed; 0 before start).
    double coverage() const;
    // The factor that turns a count made in the windows into one for the whole recording.
    double scale() const;
    bool sampled() const { return m_closes > 0; }

    // probe.NAME.duty_cycle and probe.NAME.windows, when the probe was not always on.
    void describe(RunRecord& record, std::string_view probe) const;

private:
    std::int64_t m_startNs = -1;
    std::int64_t m_stopNs = -1;
    std::int64_t m_openSinceNs = -1;
    std::int64_t m_openNs = 0;
    std::int64_t m_windows = 0;
    std::int64_t m_closes = 0;
};

// Scales a count made in the windows to the whole recording.
std::uint64_t scaledCount(std::uint64_t count, double scale);
// Scales histogram buckets so that their total is exactly the scaled total: each bucket gets
// the rounded running sum minus the one before it.
void scaleBuckets(std::vector<std::uint64_t>& counts, double scale);

} // namespace iolab::probes
