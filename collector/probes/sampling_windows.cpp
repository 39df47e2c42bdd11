#include "collector/probes/sampling_windows.h"

#include "collector/probes/block_devices.h"

#include <cmath>
#include <ctime>
#include <fmt/core.h>

namespace iolab::probes {

std::int64_t monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::uint64_t completedIos(const std::vector<std::string>& devices) {
    std::uint64_t ios = 0;
    for (const auto& device : devices) {
        if (const auto stats = readDiskStats(device)) {
            ios += stats->reads + stats->writes + stats->discards + stats->flushes;
        }
    }
    return ios;
}

SamplingWindows::SamplingWindows(std::vector<std::string> devices)
    : m_devices(std::move(devices)) {}

void SamplingWindows::start() {
    m_startNs = monotonicNs();
    m_iosAtStart = completedIos(m_devices);
}

void SamplingWindows::open() {
    if (m_startNs < 0 || m_stopNs >= 0 || m_openSinceNs >= 0) {
        return;
    }
    m_iosAtOpen = completedIos(m_devices);
    m_openSinceNs = monotonicNs();
    m_edges.push_back({m_openSinceNs, -1, m_iosAtOpen, m_iosAtOpen});
    ++m_windows;
}

void SamplingWindows::close() {
    if (m_openSinceNs < 0 || m_stopNs >= 0) {
        return;
    }
    const std::int64_t now = monotonicNs();
    const std::uint64_t ios = completedIos(m_devices);
    m_openNs += now - m_openSinceNs;
    m_openSinceNs = -1;
    m_iosInWindows += ios - m_iosAtOpen;
    m_edges.back().close_ns = now;
    m_edges.back().ios_at_close = ios;
}

void SamplingWindows::stop() {
    if (m_startNs < 0 || m_stopNs >= 0) {
        return;
    }
    close();
    m_stopNs = monotonicNs();
    m_iosAtStop = completedIos(m_devices);
    m_iosInAll = m_iosAtStop - m_iosAtStart;
}

double SamplingWindows::timeCoverage() const {
    const std::int64_t end = m_stopNs >= 0 ? m_stopNs : monotonicNs();
    return m_startNs >= 0 && end > m_startNs
               ? static_cast<double>(m_openNs) / static_cast<double>(end - m_startNs)
               : 0;
}

std::optional<double> SamplingWindows::ioCoverage() const {
    if (m_iosInAll == 0 || m_iosInWindows == 0) {
        return std::nullopt;
    }
    return static_cast<double>(m_iosInWindows) / static_cast<double>(m_iosInAll);
}

double SamplingWindows::scale() const {
    const double covered = ioCoverage().value_or(timeCoverage());
    return covered > 0 ? 1 / covered : 0;
}

bool SamplingWindows::progressByIos() const {
    return ioCoverage().has_value();
}

analysis::Estimate SamplingWindows::estimate(const std::map<int, double>& countsByWindow, int first,
                                             double exactPart) const {
    const bool byIos = progressByIos();
    std::vector<analysis::WindowSample> samples;
    for (const auto& [window, count] : countsByWindow) {
        if (window < first || static_cast<std::size_t>(window) >= m_edges.size() ||
            m_edges[static_cast<std::size_t>(window)].close_ns < 0) {
            continue;
        }
        const Edges& edges = m_edges[static_cast<std::size_t>(window)];
        samples.push_back({count, byIos
                                      ? static_cast<double>(edges.ios_at_close - edges.ios_at_open)
                                      : static_cast<double>(edges.close_ns - edges.open_ns)});
    }
    // The span starts where the counting in windows took over: at the start, or at the opening
    // of window `first`.
    std::int64_t fromNs = m_startNs;
    std::uint64_t fromIos = m_iosAtStart;
    if (first > 0 && static_cast<std::size_t>(first) < m_edges.size()) {
        fromNs = m_edges[static_cast<std::size_t>(first)].open_ns;
        fromIos = m_edges[static_cast<std::size_t>(first)].ios_at_open;
    }
    const std::int64_t end = m_stopNs >= 0 ? m_stopNs : monotonicNs();
    const std::uint64_t endIos = m_stopNs >= 0 ? m_iosAtStop : completedIos(m_devices);
    const double span =
        byIos ? static_cast<double>(endIos - fromIos) : static_cast<double>(end - fromNs);
    return analysis::windowedEstimate(samples, span, exactPart);
}

void SamplingWindows::describe(RunRecord& record) const {
    record.run.metadata["record.duty_cycle"] = fmt::format("{:.4f}", timeCoverage());
    record.run.metadata["record.windows"] = std::to_string(m_windows);
    // When the samples were taken, for an observer of the same run to compare like with like.
    std::string spans;
    for (const Edges& edges : m_edges) {
        if (edges.close_ns >= 0) {
            spans +=
                fmt::format("{}{}-{}", spans.empty() ? "" : " ", edges.open_ns, edges.close_ns);
        }
    }
    record.run.metadata["record.window_spans_ns"] = spans;
    if (const auto io = ioCoverage()) {
        record.run.metadata["record.io_coverage"] = fmt::format("{:.4f}", *io);
    }
}

std::uint64_t scaledCount(std::uint64_t count, double scale) {
    return static_cast<std::uint64_t>(std::llround(static_cast<double>(count) * scale));
}

void scaleBuckets(std::vector<std::uint64_t>& counts, double scale) {
    std::uint64_t sum = 0;
    std::uint64_t scaledBefore = 0;
    for (auto& count : counts) {
        sum += count;
        const std::uint64_t scaledSum = scaledCount(sum, scale);
        count = scaledSum - scaledBefore;
        scaledBefore = scaledSum;
    }
}

} // namespace iolab::probes
