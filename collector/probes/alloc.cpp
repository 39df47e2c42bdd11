#include "collector/probes/alloc.h"

#include "alloc.skel.h"
#include "bpf/alloc.h"
#include "collector/probes/kernel_symbols.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/sampling_windows.h"
#include "collector/probes/skeleton_probe_impl.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/core.h>
#include <map>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};

static_assert(sizeof(alloc_value) % 8 == 0, "per-CPU values are copied at an 8-byte stride");

SkeletonPtr<alloc_bpf> openLoadAttach(Mechanism mechanism, int trackedFd) {
    checkKernelSupport(mechanism);
    auto skeleton = openSkeleton<alloc_bpf>();
    skeleton->rodata->page_size = static_cast<__u64>(sysconf(_SC_PAGESIZE));
    skeleton->rodata->self_tgid = static_cast<__u32>(getpid());
    filterByWorkload(*skeleton, trackedFd);
    const std::array<MechanismProgram, 9> programs{{
        {Mechanism::TpBtf, skeleton->progs.alloc_kmalloc_btf},
        {Mechanism::TpBtf, skeleton->progs.alloc_cache_btf},
        {Mechanism::TpBtf, skeleton->progs.alloc_page_btf},
        {Mechanism::RawTp, skeleton->progs.alloc_kmalloc_raw},
        {Mechanism::RawTp, skeleton->progs.alloc_cache_raw},
        {Mechanism::RawTp, skeleton->progs.alloc_page_raw},
        {Mechanism::Tracepoint, skeleton->progs.alloc_kmalloc_tp},
        {Mechanism::Tracepoint, skeleton->progs.alloc_cache_tp},
        {Mechanism::Tracepoint, skeleton->progs.alloc_page_tp},
    }};
    autoloadOnly(programs, mechanism);
    loadAndAttach(*skeleton);
    return skeleton;
}

std::string kindName(std::uint32_t kind) {
    switch (kind) {
    case ALLOC_KMALLOC:
        return "kmalloc";
    case ALLOC_KMEM_CACHE:
        return "kmem_cache";
    case ALLOC_PAGE:
        return "page";
    default:
        return "unknown";
    }
}

} // namespace

template class SkeletonProbe<alloc_bpf>;
template class AdaptiveSkeletonProbe<alloc_bpf>;

AllocProbe::AllocProbe(const AllocOptions& options)
    : AdaptiveSkeletonProbe(ALLOC_RUNS, BetweenWindows::Detach)
    , m_options(options) {}
AllocProbe::~AllocProbe() = default;

void AllocProbe::attach(const ProbeScope& scope) {
    attachBest(kPlan, m_options.force, [&](Mechanism mechanism) {
        return openLoadAttach(mechanism, scope.tracked_tgids_fd);
    });
    m_counting.emplace(scope.windows, 2, m_options.cost_per_event_ns, m_options.budget);
}

std::vector<std::uint64_t> AllocProbe::figureTotals() const {
    return {counter(ALLOC_WORKLOAD), counter(ALLOC_SYSTEM)};
}

void AllocProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    addAttachMetadata(record);
    const KernelSymbols symbols;
    std::map<std::uint64_t, std::string> cacheNames;
    for (const auto& [id, names] :
         readHashMap<std::uint64_t, alloc_cache_name>(bpf_map__fd(m_skeleton->maps.cache_names))) {
        const alloc_cache_name& name = names.front();
        cacheNames[id] = std::string(name.name, strnlen(name.name, sizeof(name.name)));
    }

    // (kind, site, cache, scope) -> row: call sites merge by function, as users read them.
    std::map<std::tuple<std::string, std::string, std::string, std::string>, AllocStat> rows;
    const auto add = [&](AllocStat stat) {
        auto& row = rows[{stat.kind, stat.site, stat.cache, stat.scope}];
        row.kind = stat.kind;
        row.site = stat.site;
        row.cache = stat.cache;
        row.scope = stat.scope;
        row.count += stat.count;
        row.bytes += stat.bytes;
    };
    for (const auto& [key, perCpu] : readHashMap<alloc_key, alloc_value>(
             bpf_map__fd(m_skeleton->maps.allocs), possibleCpus())) {
        AllocStat stat;
        stat.kind = kindName(key.kind);
        if (key.kind == ALLOC_PAGE) {
            stat.cache = fmt::format("order {}", key.cache);
        } else {
            stat.site = symbols.frame(key.call_site).symbol;
        }
        if (key.kind == ALLOC_KMEM_CACHE) {
            const auto name = cacheNames.find(key.cache);
            stat.cache = name != cacheNames.end() ? name->second : "[unknown]";
        }
        for (const alloc_value& value : perCpu) {
            stat.count += value.count;
            stat.bytes += value.bytes;
        }
        stat.scope = "system";
        add(stat);
        if (key.workload != 0) {
            stat.scope = "workload";
            add(stat);
        }
    }
    // The rows share their figure's scale: what the windows estimate over what they counted.
    const std::vector<std::uint64_t> totals = figureTotals();
    const analysis::Estimate workload = m_counting->estimate(0, totals[0]);
    const analysis::Estimate system = m_counting->estimate(1, totals[1]);
    const auto scaleOf = [](const analysis::Estimate& estimate, std::uint64_t counted) {
        return counted > 0 ? estimate.value / static_cast<double>(counted) : 1.0;
    };
    for (auto& [key, row] : rows) {
        const double scale =
            row.scope == "workload" ? scaleOf(workload, totals[0]) : scaleOf(system, totals[1]);
        row.count = scaledCount(row.count, scale);
        row.bytes = scaledCount(row.bytes, scale);
        record.allocations.push_back(std::move(row));
    }
    analysis::addEstimate(record, "alloc.workload_allocations", workload);
    analysis::addEstimate(record, "alloc.system_allocations", system);
    describeCounting(record);
    std::ranges::stable_sort(record.allocations, [](const AllocStat& a, const AllocStat& b) {
        return a.count > b.count;
    });
    addCounter(record, "alloc.dropped", counter(ALLOC_DROPPED));
}

} // namespace iolab::probes
