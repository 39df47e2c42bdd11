// The libc path of the clock probe: a uprobe on clock_gettime, counting every call within its
// budget and then in short windows of its own (see ClockProbe).
#include "bpf/clock.h"
#include "clock.skel.h"
#include "collector/probes/clock.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/uprobe_site.h"

#include <condition_variable>
#include <cstring>
#include <ctime>
#include <fstream>

namespace iolab::probes {
namespace {

constexpr auto kTick = std::chrono::milliseconds(10);
constexpr int kCalibrationCalls = 2000;

double nsPerLibcCall(int calls) {
    timespec ts{};
    const std::int64_t start = monotonicNs();
    for (int i = 0; i < calls; ++i) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
    return static_cast<double>(monotonicNs() - start) / calls;
}

// The libc this process runs with: the workloads it starts run with the same one.
std::string findLibc() {
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);) {
        const auto slash = line.find('/');
        if (slash != std::string::npos && line.find("/libc.so") != std::string::npos) {
            return line.substr(slash);
        }
    }
    throw SystemError("libc not found in /proc/self/maps");
}

} // namespace

void ClockProbe::attachLibc(bool budgeted) {
    m_libcPath = findLibc();
    m_libcOffset = clockGettimeBreakpointOffset();
    const double unprobed = nsPerLibcCall(kCalibrationCalls * 10);
    setLibcAttached(true);
    // This process's own calls are filtered out in the program, but trap all the same.
    m_hitCostNs = std::max(0.0, nsPerLibcCall(kCalibrationCalls) - unprobed);
    m_libcState = "exact";
    if (!budgeted) {
        return;
    }
    m_controller = std::jthread([this](std::stop_token stop) {
        try {
            control(stop);
        } catch (const std::exception& error) {
            const std::lock_guard lock(m_mutex);
            m_libcState = std::string("failed: ") + error.what();
        }
    });
}

void ClockProbe::openLibcUprobe() {
    // glibc exports clock_gettime under two versions at one address, which libbpf 1.1 calls
    // ambiguous; its internal alias __clock_gettime is the same function under one name.
    for (const char* function : {"__clock_gettime", "clock_gettime"}) {
        LIBBPF_OPTS(bpf_uprobe_opts, options, .func_name = function);
        m_libcLink = bpf_program__attach_uprobe_opts(m_skeleton->progs.clock_libc_clock_gettime, -1,
                                                     m_libcPath.c_str(), m_libcOffset, &options);
        if (m_libcLink != nullptr) {
            return;
        }
    }
    throw libbpfError("attach a uprobe to " + m_libcPath + ":clock_gettime", errno);
}

// Counting starts and stops with a flag, so a window's length is exact; the breakpoints come
// and go with the event, whose removal takes about 120 ms here (while they still trap: part
// of the probe's reported cost). A disabled perf event would keep them.
void ClockProbe::setLibcAttached(bool attached) {
    if (attached) {
        openLibcUprobe();
        m_skeleton->data->counting = 1;
        return;
    }
    m_skeleton->data->counting = 0;
    bpf_link__destroy(m_libcLink);
    m_libcLink = nullptr;
}

std::uint64_t ClockProbe::uprobeHits() const {
    return readPerCpuCounter(bpf_map__fd(m_skeleton->maps.counters), CLOCK_UPROBE_HITS);
}

void ClockProbe::control(std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    const auto sleepFor = [&](std::chrono::milliseconds duration) {
        std::unique_lock lock(mutex);
        wake.wait_for(lock, stop, duration, [] { return false; });
    };
    CostBucket budget(m_options.libc_budget);
    std::uint64_t lastHits = uprobeHits();
    std::int64_t lastNs = monotonicNs();
    while (!stop.stop_requested()) {
        sleepFor(kTick);
        const std::uint64_t hits = uprobeHits();
        const std::int64_t now = monotonicNs();
        const bool within = budget.spend(static_cast<double>(hits - lastHits) * m_hitCostNs,
                                         static_cast<double>(now - lastNs));
        lastHits = hits;
        lastNs = now;
        if (!within) {
            break;
        }
    }
    if (stop.stop_requested()) {
        return;
    }
    // Over budget: from now on, windows. The first starts now, on the attached uprobe.
    std::int64_t windowStart = monotonicNs();
    {
        const std::lock_guard lock(m_mutex);
        m_sampledSinceNs = windowStart;
        m_libcState = "sampled";
        m_skeleton->bss->phase = CLOCK_PHASE_WINDOW;
    }
    const std::int64_t period = std::chrono::nanoseconds(m_options.period).count();
    for (;;) {
        sleepFor(m_options.window);
        std::unique_lock lock(m_mutex);
        m_skeleton->data->counting = 0;
        closeWindow(windowStart, monotonicNs());
        setLibcAttached(false);
        lock.unlock();
        const std::int64_t next = windowStart + period;
        sleepFor(std::chrono::milliseconds(std::max<std::int64_t>(0, next - monotonicNs()) / 1'000'000));
        if (stop.stop_requested()) {
            break;
        }
        lock.lock();
        setLibcAttached(true);
        windowStart = monotonicNs();
    }
}

// A thread that spent the window in traps made fewer calls than it would have unobserved:
// the window's progress is the time outside the traps (at least 5% of the window, which bounds
// the correction when traps filled it: such a window is counted as saturated).
void ClockProbe::closeWindow(std::int64_t startNs, std::int64_t endNs) {
    m_attachedNs += endNs - startNs;
    const int fd = bpf_map__fd(m_skeleton->maps.reads);
    const double length = static_cast<double>(endNs - startNs);
    Window window{startNs, {}, 0, 0};
    std::map<std::uint32_t, double> readsByThread;
    std::vector<clock_key> drained;
    for (const auto& [key, counts] : readHashMap<clock_key, std::uint64_t>(fd)) {
        if (key.phase != CLOCK_PHASE_WINDOW) {
            continue;
        }
        drained.push_back(key);
        const ReadKey readKey{key.tgid, std::string(key.comm, strnlen(key.comm, sizeof(key.comm))),
                              key.clock_id, key.call};
        window.reads[readKey] += static_cast<double>(counts.front());
        window.reads_total += static_cast<double>(counts.front());
        readsByThread[key.tid] += static_cast<double>(counts.front());
    }
    deleteKeys(fd, drained);
    bool saturated = false;
    for (const auto& [tid, reads] : readsByThread) {
        const double untrapped = length - reads * m_hitCostNs;
        saturated = saturated || untrapped < 0.5 * length;
        window.untrapped_ns += std::max(untrapped, 0.05 * length) / readsByThread.size();
    }
    if (readsByThread.empty()) {
        window.untrapped_ns = length;
    }
    m_saturatedWindows += saturated ? 1 : 0;
    m_windows.push_back(std::move(window));
}

// Reads counted before the sampling began, plus the windows' reads per untrapped nanosecond
// times the sampled span (see analysis::windowedEstimate).
analysis::Estimate ClockProbe::libcEstimate(double exactReads) const {
    std::vector<analysis::WindowSample> samples;
    for (const Window& window : m_windows) {
        samples.push_back({window.reads_total, window.untrapped_ns});
    }
    return analysis::windowedEstimate(samples, static_cast<double>(m_endNs - m_sampledSinceNs),
                                      exactReads);
}

} // namespace iolab::probes
