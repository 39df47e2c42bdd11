// The libc path of the clock probe: a uprobe on clock_gettime, counting every call within its
// budget and then in short windows of its own (see ClockProbe).
#include "bpf/clock.h"
#include "clock.skel.h"
#include "collector/probes/clock.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/uprobe_site.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <fmt/core.h>
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

// What a thread's reads in the libc windows may follow (see ClockProbe::libcWindowed).
enum Progress : std::size_t { kIos, kUntrappedTime, kWallTime, kProgressKinds };
constexpr std::array<const char*, kProgressKinds> kProgressNames{"IOs", "untrapped time",
                                                                 "wall time"};
using Samples = std::array<std::vector<analysis::WindowSample>, kProgressKinds>;

// The estimate of one thread's reads over `span` (per progress) with the narrowest interval,
// and its progress; with no interval at all, the first in the order of Progress that saw
// progress; nullopt when none did.
std::pair<std::optional<analysis::Estimate>, std::size_t>
closestEstimate(const Samples& samples, const std::array<double, kProgressKinds>& span) {
    std::optional<analysis::Estimate> chosen;
    std::size_t chosenKind = kIos;
    for (std::size_t kind = 0; kind < kProgressKinds; ++kind) {
        const analysis::Estimate estimate = analysis::windowedEstimate(samples[kind], span[kind]);
        const bool narrower =
            !chosen || (estimate.ci95 && (!chosen->ci95 || *estimate.ci95 < *chosen->ci95));
        if (span[kind] > 0 && estimate.value > 0 && narrower) {
            chosen = estimate;
            chosenKind = kind;
        }
    }
    return {chosen, chosenKind};
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
// and go with the event (a disabled perf event would keep them). Its removal waits about
// 100 ms here for the uprobe's users to finish, after the breakpoints are gone.
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
    Edge windowStart = now();
    {
        const std::lock_guard lock(m_mutex);
        m_sampledSinceNs = windowStart.ns;
        m_sampledSinceIos = windowStart.ios;
        m_libcState = "sampled";
        m_skeleton->bss->phase = CLOCK_PHASE_WINDOW;
    }
    const std::int64_t period = std::chrono::nanoseconds(m_options.period).count();
    for (;;) {
        sleepFor(m_options.window);
        std::unique_lock lock(m_mutex);
        m_skeleton->data->counting = 0;
        closeWindow(windowStart, now());
        setLibcAttached(false);
        lock.unlock();
        const std::int64_t next = windowStart.ns + period;
        sleepFor(
            std::chrono::milliseconds(std::max<std::int64_t>(0, next - monotonicNs()) / 1'000'000));
        if (stop.stop_requested()) {
            break;
        }
        lock.lock();
        setLibcAttached(true);
        windowStart = now();
    }
}

ClockProbe::Edge ClockProbe::now() const {
    return {monotonicNs(), completedIos(m_devices)};
}

// A thread that spent the window in traps made fewer calls than it would have unobserved:
// its progress in time is the time outside the traps (at least 5% of the window, which bounds
// the correction when traps filled it: such a window is counted as saturated).
void ClockProbe::closeWindow(Edge start, Edge end) {
    m_attachedNs += end.ns - start.ns;
    const int fd = bpf_map__fd(m_skeleton->maps.reads);
    Window window{
        static_cast<double>(end.ns - start.ns), static_cast<double>(end.ios - start.ios), {}};
    std::vector<clock_key> drained;
    for (const auto& [key, counts] : readHashMap<clock_key, std::uint64_t>(fd)) {
        if (key.phase != CLOCK_PHASE_WINDOW) {
            continue;
        }
        drained.push_back(key);
        const ReadKey readKey{key.tgid, std::string(key.comm, strnlen(key.comm, sizeof(key.comm))),
                              key.clock_id, key.call};
        ThreadWindow& thread = window.threads[key.tid];
        thread.reads[readKey] += static_cast<double>(counts.front());
        thread.total += static_cast<double>(counts.front());
    }
    deleteKeys(fd, drained);
    bool saturated = false;
    for (auto& [tid, thread] : window.threads) {
        const double untrapped = window.length_ns - thread.total * m_hitCostNs;
        saturated = saturated || untrapped < 0.5 * window.length_ns;
        thread.untrapped_ns = std::max(untrapped, 0.05 * window.length_ns);
    }
    m_saturatedWindows += saturated ? 1 : 0;
    m_windows.push_back(std::move(window));
}

// Each thread's reads in the windows per unit of its progress, times its progress over the
// sampled span (see analysis::windowedEstimate). What a thread's reads follow depends on the
// thread: one that reads the clock on every IO (fio's job) follows the IOs the workload's
// devices complete, however much the traps slowed it; one busy on the CPU follows the time it
// ran outside the traps; one that reads on a timer or at a set pace (fio's parent) follows
// wall time. Each thread takes the progress its windows follow most closely (the narrowest
// interval); with a single window, the first of that order that saw progress.
ClockProbe::LibcWindowed ClockProbe::libcWindowed() const {
    const std::array<double, kProgressKinds> span{static_cast<double>(m_endIos - m_sampledSinceIos),
                                                  static_cast<double>(m_endNs - m_sampledSinceNs),
                                                  static_cast<double>(m_endNs - m_sampledSinceNs)};
    std::map<std::uint32_t, Samples> samples; // by thread
    for (const Window& window : m_windows) {
        for (const auto& [tid, thread] : window.threads) {
            samples.try_emplace(tid);
        }
    }
    for (const Window& window : m_windows) {
        for (auto& [tid, bySamples] : samples) {
            const auto thread = window.threads.find(tid);
            const bool read = thread != window.threads.end();
            const double count = read ? thread->second.total : 0;
            bySamples[kIos].push_back({count, window.ios});
            bySamples[kUntrappedTime].push_back(
                {count, read ? thread->second.untrapped_ns : window.length_ns});
            bySamples[kWallTime].push_back({count, window.length_ns});
        }
    }
    LibcWindowed windowed;
    std::array<int, kProgressKinds> threadsBy{};
    double variance = 0;
    bool intervals = true;
    std::map<std::uint32_t, double> scaleOf;
    for (const auto& [tid, bySamples] : samples) {
        const auto [chosen, chosenKind] = closestEstimate(bySamples, span);
        if (!chosen) {
            continue; // no progress in any window: nothing to scale by
        }
        double counted = 0;
        for (const analysis::WindowSample& sample : bySamples[kIos]) {
            counted += sample.count;
        }
        threadsBy[chosenKind] += 1;
        windowed.total.value += chosen->value;
        intervals = intervals && chosen->ci95.has_value();
        variance += chosen->ci95 ? *chosen->ci95 * *chosen->ci95 : 0;
        scaleOf[tid] = counted > 0 ? chosen->value / counted : 0;
    }
    // The threads' estimates come from the same windows but from different threads' reads:
    // their intervals combine as independent.
    windowed.total.ci95 = intervals ? std::optional(std::sqrt(variance)) : std::nullopt;
    for (std::size_t kind = 0; kind < kProgressKinds; ++kind) {
        windowed.progress += fmt::format("{}{}: {}", kind == 0 ? "threads by " : ", ",
                                         kProgressNames[kind], threadsBy[kind]);
    }
    for (const Window& window : m_windows) {
        for (const auto& [tid, thread] : window.threads) {
            for (const auto& [key, reads] : thread.reads) {
                windowed.reads[key] += reads * scaleOf[tid];
            }
        }
    }
    return windowed;
}

} // namespace iolab::probes
