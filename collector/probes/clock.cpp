#include "collector/probes/clock.h"

#include "bpf/clock.h"
#include "clock.skel.h"
#include "collector/probes/clocksource.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"

#include <array>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fmt/core.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

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
    m_devices = scope.devices;
    m_startNs = monotonicNs();
    const double syscallCostNs = measureSyscallCostNs();
    m_syscallCounting.emplace(scope.windows, 1, syscallCostNs, m_options.syscall_budget,
                              counter(CLOCK_SYSCALL_RUNS));
    if (m_options.libc) {
        // Without sampling windows (--duty 100) every call is counted, at its full cost.
        attachLibc(scope.windows != nullptr);
    }
}

// What the system-call program adds to every system call while attached: a getppid loop with
// it and without it (the best of a few rounds, as others share the CPUs).
double ClockProbe::measureSyscallCostNs() {
    constexpr int kCalls = 20'000;
    constexpr int kRounds = 5;
    const auto best = [] {
        double fastest = 1e18;
        for (int round = 0; round < kRounds; ++round) {
            const std::int64_t start = monotonicNs();
            for (int i = 0; i < kCalls; ++i) {
                syscall(SYS_getppid);
            }
            fastest = std::min(fastest, static_cast<double>(monotonicNs() - start) / kCalls);
        }
        return fastest;
    };
    const double with = best();
    clock_bpf::detach(m_skeleton.get());
    const double without = best();
    reattachSkeleton(m_skeleton.get());
    return std::max(0.0, with - without);
}

std::uint64_t ClockProbe::counter(std::uint32_t index) const {
    return readPerCpuCounter(bpf_map__fd(m_skeleton->maps.counters), index);
}

// The recorder's windows pause the system-call programs only once they count in windows; the
// libc uprobe keeps its own budget.
void ClockProbe::pause() {
    if (m_syscallCounting && m_syscallCounting->windowed()) {
        detachSkeleton(m_skeleton.get());
    }
}

void ClockProbe::resume() {
    if (m_syscallCounting && m_syscallCounting->windowed()) {
        reattachSkeleton(m_skeleton.get());
    }
}

void ClockProbe::openWindow() {
    if (m_skeleton) {
        m_syscallCounting->opened(counter(CLOCK_SYSCALL_RUNS), {counter(CLOCK_SYSCALL_READS)});
        m_skeleton->data->syscalls_counting = 1;
    }
}

void ClockProbe::closeWindow() {
    if (m_skeleton && m_syscallCounting->closed({counter(CLOCK_SYSCALL_READS)})) {
        m_skeleton->data->syscalls_counting = 0;
    }
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
        const Edge end = now();
        m_endNs = end.ns;
        m_endIos = end.ios;
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
        record.run.metadata["probe.clock.libc_offset"] = std::to_string(m_libcOffset);
        record.run.metadata["probe.clock.libc_uncounted"] =
            "gettimeofday, time: libc resolves them straight to the vDSO (IFUNC), where no "
            "uprobe attaches";
    }

    // Per key: the libc reads counted exactly, what the libc windows stand for, the system calls.
    std::map<ReadKey, double> libcExact;
    std::map<ReadKey, double> syscalls;
    double libcExactTotal = 0;
    for (const auto& [key, counts] :
         readHashMap<clock_key, std::uint64_t>(bpf_map__fd(m_skeleton->maps.reads))) {
        const ReadKey readKey{key.tgid, std::string(key.comm, strnlen(key.comm, sizeof(key.comm))),
                              key.clock_id, key.call};
        const auto reads = static_cast<double>(counts.front());
        if (key.call != CLOCK_LIBC_CLOCK_GETTIME) {
            syscalls[readKey] += reads;
        } else if (key.phase == CLOCK_PHASE_EXACT) {
            libcExact[readKey] += reads;
            libcExactTotal += reads;
        }
    }
    const bool sampled = m_sampledSinceNs >= 0;
    const LibcWindowed libcWindows = sampled ? libcWindowed() : LibcWindowed{};
    analysis::Estimate libc{libcExactTotal, 0.0, "exact"};
    if (sampled) {
        libc = libcWindows.total;
        libc.value += libcExactTotal;
    }
    const std::uint64_t syscallsCounted = counter(CLOCK_SYSCALL_READS);
    const analysis::Estimate sys = m_syscallCounting->estimate(0, syscallsCounted);
    // The system-call rows share their figure's scale: what the windows stand for over what
    // they counted.
    const double syscallScale =
        syscallsCounted > 0 ? sys.value / static_cast<double>(syscallsCounted) : 1;

    std::map<ReadKey, double> reads;
    for (const auto& [key, value] : libcExact) {
        reads[key] += value;
    }
    for (const auto& [key, value] : libcWindows.reads) {
        reads[key] += value;
    }
    for (const auto& [key, value] : syscalls) {
        reads[key] += value * syscallScale;
    }
    for (const auto& [key, value] : reads) {
        const auto& [tgid, comm, clockId, call] = key;
        ClockStat stat;
        stat.process = comm;
        stat.pid = tgid;
        stat.clock_id = clockName(clockId, call);
        stat.path = call == CLOCK_LIBC_CLOCK_GETTIME ? "libc" : "syscall";
        stat.reads = static_cast<std::uint64_t>(std::llround(value));
        stat.estimated = call == CLOCK_LIBC_CLOCK_GETTIME ? !libc.exact() : !sys.exact();
        record.clocks.push_back(std::move(stat));
    }
    if (!m_libcPath.empty()) {
        analysis::addEstimate(record, "clock.libc_reads", libc);
    }
    analysis::addEstimate(record, "clock.syscall_reads", sys);
    m_syscallCounting->describe(record, "clock.syscall", counter(CLOCK_SYSCALL_RUNS));
    for (const ClockSourceCost& source : m_sources) {
        record.clock_sources.push_back(source);
    }

    const int countersFd = bpf_map__fd(m_skeleton->maps.counters);
    addCounter(record, "clock.dropped", readPerCpuCounter(countersFd, CLOCK_DROPPED));
    if (!m_libcPath.empty()) {
        const std::uint64_t hits = uprobeHits();
        addCounter(record, "probe.clock.libc.events", static_cast<double>(hits));
        addCounter(record, "probe.clock.libc.cost_per_event_ns", m_hitCostNs);
        addCounter(record, "probe.clock.libc.cost_ns", static_cast<double>(hits) * m_hitCostNs, {},
                   true);
        if (sampled) {
            const double sampledNs = static_cast<double>(m_endNs - m_sampledSinceNs);
            record.run.metadata["probe.clock.libc.progress"] = libcWindows.progress;
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
