#include "collector/probes/sampling_windows.h"

#include <cmath>
#include <ctime>
#include <fmt/core.h>
#include <string>

namespace iolab::probes {

std::int64_t monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void SamplingWindows::start() {
    m_startNs = monotonicNs();
    m_stopNs = -1;
    m_openSinceNs = m_startNs;
    m_openNs = 0;
    m_windows = 1;
    m_closes = 0;
}

void SamplingWindows::stop() {
    if (m_startNs < 0 || m_stopNs >= 0) {
        return;
    }
    const std::int64_t now = monotonicNs();
    if (isOpen()) {
        m_openNs += now - m_openSinceNs;
        m_openSinceNs = -1;
    }
    m_stopNs = now;
}

bool SamplingWindows::open() {
    if (m_startNs < 0 || m_stopNs >= 0 || isOpen()) {
        return false;
    }
    m_openSinceNs = monotonicNs();
    ++m_windows;
    return true;
}

bool SamplingWindows::close() {
    if (!isOpen() || m_stopNs >= 0) {
        return false;
    }
    m_openNs += monotonicNs() - m_openSinceNs;
    m_openSinceNs = -1;
    ++m_closes;
    return true;
}

double SamplingWindows::coverage() const {
    if (m_startNs < 0) {
        return 0;
    }
    const std::int64_t end = m_stopNs >= 0 ? m_stopNs : monotonicNs();
    const std::int64_t open = m_openNs + (isOpen() ? end - m_openSinceNs : 0);
    return end > m_startNs ? static_cast<double>(open) / static_cast<double>(end - m_startNs) : 1;
}

double SamplingWindows::scale() const {
    const double covered = coverage();
    return covered > 0 ? 1 / covered : 0;
}

void SamplingWindows::describe(RunRecord& record, std::string_view probe) const {
    if (!sampled()) {
        return;
    }
    const std::string prefix = "probe." + std::string(probe);
    record.run.metadata[prefix + ".duty_cycle"] = fmt::format("{:.4f}", coverage());
    record.run.metadata[prefix + ".windows"] = std::to_string(m_windows);
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
