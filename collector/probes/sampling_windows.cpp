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

SamplingWindows::SamplingWindows(std::vector<std::string> devices)
    : m_devices(std::move(devices)) {}

std::uint64_t SamplingWindows::completedIos() const {
    std::uint64_t ios = 0;
    for (const auto& device : m_devices) {
        if (const auto stats = readDiskStats(device)) {
            ios += stats->reads + stats->writes + stats->discards + stats->flushes;
        }
    }
    return ios;
}

void SamplingWindows::start() {
    m_startNs = monotonicNs();
    m_iosAtStart = completedIos();
}

void SamplingWindows::open() {
    if (m_startNs < 0 || m_stopNs >= 0 || m_openSinceNs >= 0) {
        return;
    }
    m_iosAtOpen = completedIos();
    m_openSinceNs = monotonicNs();
    ++m_windows;
}

void SamplingWindows::close() {
    if (m_openSinceNs < 0 || m_stopNs >= 0) {
        return;
    }
    m_openNs += monotonicNs() - m_openSinceNs;
    m_openSinceNs = -1;
    m_iosInWindows += completedIos() - m_iosAtOpen;
}

void SamplingWindows::stop() {
    if (m_startNs < 0 || m_stopNs >= 0) {
        return;
    }
    close();
    m_stopNs = monotonicNs();
    m_iosInAll = completedIos() - m_iosAtStart;
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

void SamplingWindows::describe(RunRecord& record) const {
    record.run.metadata["record.duty_cycle"] = fmt::format("{:.4f}", timeCoverage());
    record.run.metadata["record.windows"] = std::to_string(m_windows);
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
