#pragma once

#include "analyzer/analysis/window_estimate.h"
#include "analyzer/model/run_record.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace iolab::probes {

// CLOCK_MONOTONIC in nanoseconds: the clock of bpf_ktime_get_ns() and of the kernel's stamps.
std::int64_t monotonicNs();

// The IOs `devices` ("loop0") completed so far, from their kernel counters: the workload's
// progress when it does block IO.
std::uint64_t completedIos(const std::vector<std::string>& devices);

// The sampling windows of a recording, kept by the recorder's duty cycle and read by the
// probes that count in them: how much of the recording they covered, in time and in work.
// Work is the IOs the watched devices completed (their kernel counters, read at each edge):
// while the probes run, the workload runs slower, so a window holds less than its share of
// the recording's time worth of IO, and counts per IO scale by work, not by time.
class SamplingWindows {
public:
    // `devices`: the disks whose completed IOs measure the work; none: time alone.
    explicit SamplingWindows(std::vector<std::string> devices);

    // The sampled recording starts (windows closed), windows open and close, it stops.
    void start();
    void open();
    void close();
    void stop();

    double timeCoverage() const;
    // IOs completed in the windows over all completed; nullopt when the devices did no IO.
    std::optional<double> ioCoverage() const;
    // The factor that turns a count made in the windows into one for the whole recording.
    double scale() const;

    // Windows opened so far; a probe numbers the windows it counts in by this, read when one
    // opens (the first is 0).
    int windowCount() const { return m_windows; }
    // Estimates the total of an event a probe counted in the windows numbered from `first` on
    // (`countsByWindow`: window number -> count), over the span from the opening of window
    // `first` (or the start, for 0) to the stop, plus `exactPart` counted before: the ratio of
    // counts to the workload's progress in those windows (its IOs when the devices did IO,
    // else time) times its progress over the span. See analysis::windowedEstimate.
    analysis::Estimate estimate(const std::map<int, double>& countsByWindow, int first = 0,
                                double exactPart = 0) const;

    // record.duty_cycle, record.io_coverage, record.windows and record.window_spans_ns (each
    // window's CLOCK_MONOTONIC open and close, "OPEN-CLOSE OPEN-CLOSE ...").
    void describe(RunRecord& record) const;

private:
    struct Edges {
        std::int64_t open_ns = 0;
        std::int64_t close_ns = -1;
        std::uint64_t ios_at_open = 0;
        std::uint64_t ios_at_close = 0;
    };

    bool progressByIos() const;

    std::vector<Edges> m_edges;
    std::uint64_t m_iosAtStop = 0;

    std::vector<std::string> m_devices;
    std::int64_t m_startNs = -1;
    std::int64_t m_stopNs = -1;
    std::int64_t m_openSinceNs = -1;
    std::int64_t m_openNs = 0;
    std::uint64_t m_iosAtStart = 0;
    std::uint64_t m_iosAtOpen = 0;
    std::uint64_t m_iosInWindows = 0;
    std::uint64_t m_iosInAll = 0;
    int m_windows = 0;
};

// What a probe multiplies its counts by: 1 when it counted all along (no windows).
inline double windowScale(const SamplingWindows* windows) {
    return windows != nullptr ? windows->scale() : 1.0;
}

// Scales a count made in the windows to the whole recording.
std::uint64_t scaledCount(std::uint64_t count, double scale);
// Scales histogram buckets so that their total is exactly the scaled total: each bucket gets
// the rounded running sum minus the one before it.
void scaleBuckets(std::vector<std::uint64_t>& counts, double scale);

} // namespace iolab::probes
