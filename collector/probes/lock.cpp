#include "collector/probes/lock.h"

#include "bpf/lock.h"
#include "bpf/loglinear.h"
#include "collector/probes/kernel_symbols.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/sampling_windows.h"
#include "collector/probes/skeleton_probe_impl.h"
#include "lock.skel.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

SkeletonPtr<lock_bpf> openLoadAttach(Mechanism mechanism, int trackedFd, bool nameCaches) {
    checkKernelSupport(mechanism);
    auto skeleton = openSkeleton<lock_bpf>();
    skeleton->rodata->self_tgid = static_cast<__u32>(getpid());
    skeleton->rodata->name_caches = nameCaches;
    filterByWorkload(*skeleton, trackedFd);
    const std::array<MechanismProgram, 6> programs{{
        {Mechanism::TpBtf, skeleton->progs.lock_begin_btf},
        {Mechanism::TpBtf, skeleton->progs.lock_end_btf},
        {Mechanism::RawTp, skeleton->progs.lock_begin_raw},
        {Mechanism::RawTp, skeleton->progs.lock_end_raw},
        {Mechanism::Tracepoint, skeleton->progs.lock_begin_tp},
        {Mechanism::Tracepoint, skeleton->progs.lock_end_tp},
    }};
    autoloadOnly(programs, mechanism);
    loadAndAttach(*skeleton);
    return skeleton;
}

auto keyTuple(const lock_key& key) {
    return std::tuple(key.address, key.stack_id, key.flags);
}

// The tracing machinery that ran the program (the program itself, bpf_trace_run2,
// perf_trace_*) sits innermost on the stack; it is not where the kernel waited.
bool isTracingFrame(const Frame& frame) {
    return frame.symbol.starts_with("bpf_") || frame.symbol.starts_with("perf_trace") ||
           frame.symbol.starts_with("trace_event_") || frame.symbol.starts_with("__bpf_");
}

std::vector<Frame> kernelFrames(int stackFd, std::int32_t id, const KernelSymbols& symbols) {
    std::vector<Frame> frames;
    const auto addresses = readStack(stackFd, id, LOCK_STACK_DEPTH);
    for (auto it = addresses.rbegin(); it != addresses.rend(); ++it) {
        frames.push_back(symbols.frame(*it));
    }
    while (!frames.empty() && isTracingFrame(frames.back())) {
        frames.pop_back();
    }
    return frames;
}

// A wait in the uprobe machinery (registering, unregistering, a breakpoint hit waiting for
// them): the tracer's own, iolab's libc clock uprobe coming and going, not the workload's, so
// it is kept apart.
bool isRecorders(const LockStat& stat) {
    return std::ranges::any_of(stat.stack, [](const Frame& frame) {
        return frame.symbol.starts_with("uprobe_") || frame.symbol == "handle_swbp";
    });
}

} // namespace

template class SkeletonProbe<lock_bpf>;
template class AdaptiveSkeletonProbe<lock_bpf>;

std::string lockKind(std::uint32_t flags) {
    const bool read = (flags & LOCK_F_READ) != 0;
    const bool write = (flags & LOCK_F_WRITE) != 0;
    const std::string side = read ? "-read" : write ? "-write" : "";
    if ((flags & LOCK_F_MUTEX) != 0) {
        return (flags & LOCK_F_RT) != 0 ? "rtmutex" : "mutex";
    }
    if ((flags & LOCK_F_PERCPU) != 0) {
        return "percpu-rwsem" + side;
    }
    if ((flags & LOCK_F_RT) != 0) {
        return "rtmutex" + side;
    }
    if ((flags & LOCK_F_SPIN) != 0) {
        return side.empty() ? "spinlock" : "rwlock" + side;
    }
    if (read || write) {
        return "rwsem" + side;
    }
    return "unknown";
}

// Contention is rare next to IO (tens of thousands a second here), and attaching to its
// tracepoints patches many call sites (about 1.4 ms a window here): between windows the
// programs stay attached and only stop counting, which costs less.
LockProbe::LockProbe(const LockOptions& options)
    : AdaptiveSkeletonProbe(LOCK_RUNS, BetweenWindows::StayAttached)
    , m_options(options) {}
LockProbe::~LockProbe() = default;

void LockProbe::attach(const ProbeScope& scope) {
    const int trackedFd = m_options.workload_only ? scope.tracked_tgids_fd : -1;
    m_cache_naming_failure.clear();
    // bpf_get_kmem_cache is a kfunc of kernel 6.13+, and a kernel may refuse it to a program
    // type: then the same mechanism loads without naming caches, and the run says so.
    attachBest(kPlan, m_options.force, [&](Mechanism mechanism) {
        try {
            return openLoadAttach(mechanism, trackedFd, true);
        } catch (const SystemError& error) {
            auto skeleton = openLoadAttach(mechanism, trackedFd, false);
            m_cache_naming_failure = error.what();
            return skeleton;
        }
    });
    m_counting.emplace(scope.windows, 1, m_options.cost_per_event_ns, m_options.budget);
}

std::vector<std::uint64_t> LockProbe::figureTotals() const {
    return {counter(LOCK_CONTENTIONS)};
}

void LockProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    addAttachMetadata(record);
    if (!m_cache_naming_failure.empty()) {
        record.run.metadata["probe.lock.warning"] =
            "the slab caches of heap locks could not be named: " + m_cache_naming_failure;
    }
    const std::uint64_t begun = counter(LOCK_CONTENTIONS);
    analysis::Estimate contentions = m_counting->estimate(0, begun);
    const double scale = begun > 0 ? contentions.value / static_cast<double>(begun) : 1.0;
    const KernelSymbols symbols;
    const int stackFd = bpf_map__fd(m_skeleton->maps.stacks);

    std::map<std::tuple<std::uint64_t, std::int32_t, std::uint32_t>, std::vector<HistogramBucket>>
        histograms;
    std::uint64_t recorderContentions = 0;
    std::uint64_t recorderWaitNs = 0;
    for (const auto& [key, values] :
         readHashMap<lock_bucket_key, std::uint64_t>(bpf_map__fd(m_skeleton->maps.buckets))) {
        histograms[keyTuple(key.lock)].push_back({loglin_lower(key.bucket),
                                                  loglin_upper(key.bucket),
                                                  scaledCount(values.front(), scale)});
    }
    for (const auto& [key, values] :
         readHashMap<lock_key, lock_value>(bpf_map__fd(m_skeleton->maps.locks))) {
        LockStat stat;
        stat.address = key.address;
        stat.symbol = symbols.dataSymbol(key.address).value_or("");
        stat.kind = lockKind(key.flags);
        stat.cache.assign(values.front().cache,
                          strnlen(values.front().cache, sizeof(values.front().cache)));
        stat.stack = kernelFrames(stackFd, key.stack_id, symbols);
        stat.contentions = scaledCount(values.front().contentions, scale);
        stat.total_wait_ns = scaledCount(values.front().total_ns, scale);
        stat.max_wait_ns = values.front().max_ns;
        stat.wait_histogram = std::move(histograms[keyTuple(key)]);
        std::ranges::sort(stat.wait_histogram, {}, &HistogramBucket::lower);
        if (isRecorders(stat)) {
            recorderContentions += stat.contentions;
            recorderWaitNs += stat.total_wait_ns;
            continue;
        }
        record.locks.push_back(std::move(stat));
    }
    contentions.value = std::max(0.0, contentions.value - static_cast<double>(recorderContentions));
    analysis::addEstimate(record, "lock.contentions", contentions);
    addCounter(record, "lock.recorder_contentions", static_cast<double>(recorderContentions));
    addCounter(record, "lock.recorder_wait_ns", static_cast<double>(recorderWaitNs));
    describeCounting(record);
    std::ranges::sort(record.locks, [](const LockStat& a, const LockStat& b) {
        return a.total_wait_ns > b.total_wait_ns;
    });

    addCounter(record, "lock.stack_collisions", counter(LOCK_STACK_COLLISIONS));
    addCounter(record, "lock.stack_missing", counter(LOCK_STACK_MISSING));
    addCounter(record, "lock.waits_dropped", counter(LOCK_WAITS_DROPPED));
    addCounter(record, "lock.unmatched_ends", counter(LOCK_UNMATCHED_ENDS));
}

} // namespace iolab::probes
