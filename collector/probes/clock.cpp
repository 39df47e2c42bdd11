#include "collector/probes/clock.h"

#include "bpf/clock.h"
#include "clock.skel.h"
#include "collector/probes/clock_estimate.h"
#include "collector/probes/clocksource.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"

#include <array>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <fmt/core.h>
#include <fstream>
#include <sys/syscall.h>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};
constexpr auto kTick = std::chrono::milliseconds(10);
constexpr int kCalibrationCalls = 2000;

std::int64_t nowNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

double nsPerLibcCall(int calls) {
    timespec ts{};
    const std::int64_t start = nowNs();
    for (int i = 0; i < calls; ++i) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
    return static_cast<double>(nowNs() - start) / calls;
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

std::string clockName(std::int32_t id, std::uint32_t call) {
    if (call == CLOCK_SYS_GETTIMEOFDAY) {
        return "gettimeofday";
    }
    if (call == CLOCK_SYS_TIME) {
        return "time";
    }
    static constexpr std::array<const char*, 12> kNames{
        "CLOCK_REALTIME",          "CLOCK_MONOTONIC",     "CLOCK_PROCESS_CPUTIME_ID",
        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
        "CLOCK_MONOTONIC_COARSE",  "CLOCK_BOOTTIME",      "CLOCK_REALTIME_ALARM",
        "CLOCK_BOOTTIME_ALARM",    "CLOCK_SGI_CYCLE",     "CLOCK_TAI"};
    if (id >= 0 && static_cast<std::size_t>(id) < kNames.size()) {
        return kNames[static_cast<std::size_t>(id)];
    }
    return fmt::format("clock {}", id);
}

SkeletonPtr<clock_bpf> openLoadAttach(Mechanism mechanism, int trackedFd, bool libc) {
    checkKernelSupport(mechanism);
    auto skeleton = openSkeleton<clock_bpf>();
    skeleton->rodata->targ_self_tgid = static_cast<__u32>(getpid());
    skeleton->rodata->targ_nr_clock_gettime = SYS_clock_gettime;
    skeleton->rodata->targ_nr_gettimeofday = SYS_gettimeofday;
#ifdef SYS_time
    skeleton->rodata->targ_nr_time = SYS_time;
#endif
    filterByWorkload(*skeleton, trackedFd);
    const std::array<MechanismProgram, 5> programs{{
        {Mechanism::TpBtf, skeleton->progs.clock_sys_btf},
        {Mechanism::RawTp, skeleton->progs.clock_sys_raw},
        {Mechanism::Tracepoint, skeleton->progs.clock_sys_clock_gettime_tp},
        {Mechanism::Tracepoint, skeleton->progs.clock_sys_gettimeofday_tp},
        {Mechanism::Tracepoint, skeleton->progs.clock_sys_time_tp},
    }};
    autoloadOnly(programs, mechanism);
    bpf_program__set_autoload(skeleton->progs.clock_libc_clock_gettime, libc);
    // The uprobe has no target in its section name, so the skeleton leaves it to attachLibc.
    loadAndAttach(*skeleton);
    return skeleton;
}

} // namespace

ClockProbe::ClockProbe(const ClockOptions& options)
    : m_options(options) {}

ClockProbe::~ClockProbe() {
    detach();
}

void ClockProbe::attach(const ProbeScope& scope) {
    // Measured before any uprobe is attached: the figures are the workload's, not the probe's.
    m_sources = m_options.all_clocksources
                    ? measureAllClocksources()
                    : std::vector<ClockSourceCost>{measureClockReadCost(currentClocksource())};
    if (!m_options.all_clocksources) {
        m_sources.front().current = true;
    }
    auto [skeleton, outcome] =
        attachBestFirst("clock", kPlan, m_options.force, [&](Mechanism mechanism) {
            return openLoadAttach(mechanism, scope.tracked_tgids_fd, m_options.libc);
        });
    m_skeleton = std::move(skeleton);
    m_outcome = std::move(outcome);
    m_startNs = nowNs();
    m_syscallWindows = scope.windows;
    if (m_options.libc) {
        attachLibc();
    }
}

// Windows pause the system-call programs only: the libc uprobe keeps its own budget.
void ClockProbe::pause() {
    detachSkeleton(m_skeleton.get());
}

void ClockProbe::resume() {
    reattachSkeleton(m_skeleton.get());
}

void ClockProbe::openWindow() {
    if (m_skeleton) {
        m_skeleton->data->syscalls_counting = 1;
    }
}

void ClockProbe::closeWindow() {
    if (m_skeleton) {
        m_skeleton->data->syscalls_counting = 0;
    }
}

void ClockProbe::attachLibc() {
    m_libcPath = findLibc();
    const double unprobed = nsPerLibcCall(kCalibrationCalls * 10);
    setLibcAttached(true);
    // This process's own calls are filtered out in the program, but trap all the same.
    m_hitCostNs = std::max(0.0, nsPerLibcCall(kCalibrationCalls) - unprobed);
    m_libcState = "exact";
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
                                                     m_libcPath.c_str(), 0, &options);
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
    HitBudget budget(m_options.budget_burst, m_options.budget_rate);
    std::uint64_t lastHits = uprobeHits();
    std::int64_t lastNs = nowNs();
    while (!stop.stop_requested()) {
        sleepFor(kTick);
        const std::uint64_t hits = uprobeHits();
        const std::int64_t now = nowNs();
        const bool within = budget.spend(hits - lastHits, static_cast<double>(now - lastNs) / 1e9);
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
    std::int64_t windowStart = nowNs();
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
        closeWindow(windowStart, nowNs());
        setLibcAttached(false);
        lock.unlock();
        const std::int64_t next = windowStart + period;
        sleepFor(std::chrono::milliseconds(std::max<std::int64_t>(0, next - nowNs()) / 1'000'000));
        if (stop.stop_requested()) {
            break;
        }
        lock.lock();
        setLibcAttached(true);
        windowStart = nowNs();
    }
}

void ClockProbe::closeWindow(std::int64_t startNs, std::int64_t endNs) {
    m_attachedNs += endNs - startNs;
    const int fd = bpf_map__fd(m_skeleton->maps.reads);
    Window window{startNs, {}};
    std::vector<clock_key> drained;
    bool saturated = false;
    for (const auto& [key, counts] : readHashMap<clock_key, std::uint64_t>(fd)) {
        if (key.phase != CLOCK_PHASE_WINDOW) {
            continue;
        }
        drained.push_back(key);
        const ReadKey readKey{key.tgid, std::string(key.comm, strnlen(key.comm, sizeof(key.comm))),
                              key.clock_id, key.call};
        saturated = saturated || static_cast<double>(counts.front()) * m_hitCostNs >
                                     0.5 * static_cast<double>(endNs - startNs);
        window.per_ns[readKey] += extrapolateWindow(
            counts.front(), static_cast<double>(endNs - startNs), 1.0, m_hitCostNs);
    }
    deleteKeys(fd, drained);
    m_saturatedWindows += saturated ? 1 : 0;
    m_windows.push_back(std::move(window));
}

void ClockProbe::detach() {
    // The system-call programs first: the span of their sampling windows ends with the other
    // probes', not after the slow removal of the libc uprobe.
    if (m_skeleton) {
        clock_bpf::detach(m_skeleton.get());
    }
    if (m_controller.joinable()) {
        m_controller.request_stop();
        m_controller.join();
    }
    const std::lock_guard lock(m_mutex);
    // The controller closes every window it opens.
    if (m_libcLink != nullptr) {
        setLibcAttached(false);
    }
    if (m_skeleton && m_endNs == 0) {
        m_endNs = nowNs();
    }
}

void ClockProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    const std::lock_guard lock(m_mutex);
    addAttachMetadata(record, "clock", m_outcome);
    record.run.metadata["probe.clock.libc"] = m_libcState;
    if (!m_libcPath.empty()) {
        record.run.metadata["probe.clock.libc_path"] = m_libcPath;
        record.run.metadata["probe.clock.libc_uncounted"] =
            "gettimeofday, time: libc resolves them straight to the vDSO (IFUNC), where no "
            "uprobe attaches";
    }

    std::map<ReadKey, double> exact;
    std::map<ReadKey, double> estimated;
    for (const auto& [key, counts] :
         readHashMap<clock_key, std::uint64_t>(bpf_map__fd(m_skeleton->maps.reads))) {
        const ReadKey readKey{key.tgid, std::string(key.comm, strnlen(key.comm, sizeof(key.comm))),
                              key.clock_id, key.call};
        const bool syscall = key.call != CLOCK_LIBC_CLOCK_GETTIME;
        const bool windowed = syscall && m_syscallWindows != nullptr;
        (windowed ? estimated : exact)[readKey] +=
            static_cast<double>(counts.front()) * (windowed ? m_syscallWindows->scale() : 1.0);
    }
    // Each window stands for the time until the next one starts (or the recording ends).
    for (std::size_t i = 0; i < m_windows.size(); ++i) {
        const std::int64_t covered =
            (i + 1 < m_windows.size() ? m_windows[i + 1].start_ns : m_endNs) -
            m_windows[i].start_ns;
        for (const auto& [key, perNs] : m_windows[i].per_ns) {
            estimated[key] += perNs * static_cast<double>(covered);
        }
    }
    const bool sampled = m_sampledSinceNs >= 0;
    std::map<ReadKey, bool> keys;
    for (const auto& [key, value] : exact) {
        keys[key] = true;
    }
    for (const auto& [key, value] : estimated) {
        keys[key] = true;
    }
    for (const auto& [key, unused] : keys) {
        const auto& [tgid, comm, clockId, call] = key;
        ClockStat stat;
        stat.process = comm;
        stat.pid = tgid;
        stat.clock_id = clockName(clockId, call);
        stat.path = call == CLOCK_LIBC_CLOCK_GETTIME ? "libc" : "syscall";
        stat.reads = static_cast<std::uint64_t>(std::llround(exact[key] + estimated[key]));
        stat.estimated = call == CLOCK_LIBC_CLOCK_GETTIME ? sampled : m_syscallWindows != nullptr;
        record.clocks.push_back(std::move(stat));
    }
    for (const ClockSourceCost& source : m_sources) {
        record.clock_sources.push_back(source);
    }

    const int countersFd = bpf_map__fd(m_skeleton->maps.counters);
    addCounter(record, "clock.dropped", readPerCpuCounter(countersFd, CLOCK_DROPPED));
    if (!m_libcPath.empty()) {
        const std::uint64_t hits = uprobeHits();
        addCounter(record, "clock.uprobe_hits", static_cast<double>(hits));
        addCounter(record, "clock.uprobe_hit_cost_ns", m_hitCostNs);
        addCounter(record, "clock.uprobe_cost_ns", static_cast<double>(hits) * m_hitCostNs, {},
                   true);
        if (sampled) {
            const double sampledNs = static_cast<double>(m_endNs - m_sampledSinceNs);
            addCounter(record, "clock.libc_duty_cycle",
                       sampledNs > 0 ? static_cast<double>(m_attachedNs) / sampledNs : 0);
            // A thread that spent most of a window in traps gives only a lower bound.
            addCounter(record, "clock.libc_saturated_windows",
                       static_cast<double>(m_saturatedWindows));
            addCounter(record, "clock.libc_exact_seconds",
                       static_cast<double>(m_sampledSinceNs - m_startNs) / 1e9);
        }
    }
}

} // namespace iolab::probes
