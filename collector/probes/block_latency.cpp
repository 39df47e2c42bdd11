#include "collector/probes/block_latency.h"

#include "analyzer/analysis/loglinear_buckets.h"
#include "analyzer/model/metric_names.h"
#include "block_latency.skel.h"
#include "bpf/block_latency.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/skeleton_probe_impl.h"

#include <array>
#include <bpf/bpf.h>
#include <chrono>
#include <cstring>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <numeric>
#include <thread>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};
constexpr std::array<const char*, BLOCK_OPS> kOperations{"read", "write", "flush", "discard",
                                                         "other"};
// Indexed by enum block_metric.
constexpr std::array<const char*, BLOCK_METRICS> kMetrics{
    metrics::kBlockQ2gNs, metrics::kBlockG2iNs, metrics::kBlockI2dNs,    metrics::kBlockD2cNs,
    metrics::kBlockQ2cNs, metrics::kBlockQ2mNs, metrics::kBlockSizeBytes};

static_assert(sizeof(block_hist) % 8 == 0 && sizeof(block_counters) % 8 == 0,
              "per-CPU values are copied at an 8-byte stride");

enum class Hook {
    BioQueue,
    GetRq,
    BackMerge,
    FrontMerge,
    Split,
    RqInsert,
    RqIssue,
    RqComplete,
    RqRequeue,
    Plug,
    Unplug,
    BioComplete,
};

struct ProgramChoice {
    Mechanism mechanism;
    Hook hook;
    bpf_program* program;
};

std::vector<ProgramChoice> programsOf(block_latency_bpf& s) {
    auto& p = s.progs;
    // Classic plug records name no device: plugs are counted through tp_btf and raw_tp only.
    return {
        {Mechanism::TpBtf, Hook::BioQueue, p.block_bio_queue_btf},
        {Mechanism::TpBtf, Hook::GetRq, p.block_getrq_btf},
        {Mechanism::TpBtf, Hook::BackMerge, p.block_bio_backmerge_btf},
        {Mechanism::TpBtf, Hook::FrontMerge, p.block_bio_frontmerge_btf},
        {Mechanism::TpBtf, Hook::Split, p.block_split_btf},
        {Mechanism::TpBtf, Hook::RqInsert, p.block_rq_insert_btf},
        {Mechanism::TpBtf, Hook::RqIssue, p.block_rq_issue_btf},
        {Mechanism::TpBtf, Hook::RqComplete, p.block_rq_complete_btf},
        {Mechanism::TpBtf, Hook::RqRequeue, p.block_rq_requeue_btf},
        {Mechanism::TpBtf, Hook::Plug, p.block_plug_btf},
        {Mechanism::TpBtf, Hook::Unplug, p.block_unplug_btf},
        {Mechanism::TpBtf, Hook::BioComplete, p.block_bio_complete_btf},
        {Mechanism::RawTp, Hook::BioQueue, p.block_bio_queue_raw},
        {Mechanism::RawTp, Hook::GetRq, p.block_getrq_raw},
        {Mechanism::RawTp, Hook::BackMerge, p.block_bio_backmerge_raw},
        {Mechanism::RawTp, Hook::FrontMerge, p.block_bio_frontmerge_raw},
        {Mechanism::RawTp, Hook::Split, p.block_split_raw},
        {Mechanism::RawTp, Hook::RqInsert, p.block_rq_insert_raw},
        {Mechanism::RawTp, Hook::RqIssue, p.block_rq_issue_raw},
        {Mechanism::RawTp, Hook::RqComplete, p.block_rq_complete_raw},
        {Mechanism::RawTp, Hook::RqRequeue, p.block_rq_requeue_raw},
        {Mechanism::RawTp, Hook::Plug, p.block_plug_raw},
        {Mechanism::RawTp, Hook::Unplug, p.block_unplug_raw},
        {Mechanism::RawTp, Hook::BioComplete, p.block_bio_complete_raw},
        {Mechanism::Tracepoint, Hook::BioQueue, p.block_bio_queue_tp},
        {Mechanism::Tracepoint, Hook::GetRq, p.block_getrq_tp},
        {Mechanism::Tracepoint, Hook::BackMerge, p.block_bio_backmerge_tp},
        {Mechanism::Tracepoint, Hook::FrontMerge, p.block_bio_frontmerge_tp},
        {Mechanism::Tracepoint, Hook::Split, p.block_split_tp},
        {Mechanism::Tracepoint, Hook::RqInsert, p.block_rq_insert_tp},
        {Mechanism::Tracepoint, Hook::RqIssue, p.block_rq_issue_tp},
        {Mechanism::Tracepoint, Hook::RqComplete, p.block_rq_complete_tp},
        {Mechanism::Tracepoint, Hook::RqRequeue, p.block_rq_requeue_tp},
        {Mechanism::Tracepoint, Hook::BioComplete, p.block_bio_complete_tp},
    };
}

// Bio completions fire for every bio of every device: attached only when a bio-based device
// is watched, the only kind timed there.
bool hookWanted(Hook hook, bool anyBioDevice) {
    return hook != Hook::BioComplete || anyBioDevice;
}

// The devices to watch: the scope's (with what they sit on), else every disk.
std::vector<BlockDevice> devicesFor(const ProbeScope& scope) {
    if (scope.devices.empty()) {
        auto all = listBlockDevices();
        if (all.size() > BLOCK_MAX_SLOTS) {
            all.resize(BLOCK_MAX_SLOTS);
        }
        return all;
    }
    std::vector<BlockDevice> devices;
    auto addDevice = [&](const std::string& name) {
        for (const auto& known : devices) {
            if (known.name == name) {
                return;
            }
        }
        auto device = findBlockDevice(name);
        if (!device) {
            throw SystemError("block: no block device " + name + " (/sys/block/" + name + ")");
        }
        if (devices.size() == BLOCK_MAX_SLOTS) {
            throw SystemError(fmt::format("block: at most {} devices at once", BLOCK_MAX_SLOTS));
        }
        devices.push_back(std::move(*device));
    };
    for (const auto& name : scope.devices) {
        addDevice(name);
        for (const auto& lower : lowerDisks(name)) {
            addDevice(lower);
        }
    }
    return devices;
}

std::uint64_t recursionMisses(block_latency_bpf& skeleton) {
    std::uint64_t misses = 0;
    for (const auto& choice : programsOf(skeleton)) {
        const int fd = bpf_program__fd(choice.program);
        if (fd < 0) {
            continue;
        }
        bpf_prog_info info{};
        std::uint32_t length = sizeof(info);
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0) {
            misses += info.recursion_misses;
        }
    }
    return misses;
}

bool isEmpty(bpf_map* map) {
    block_inflight_key key{};
    return bpf_map__get_next_key(map, nullptr, &key, sizeof(key)) != 0;
}

// Deletes every entry of an in-flight map (its programs detached).
void clearInflight(bpf_map* map) {
    block_inflight_key key{};
    while (bpf_map__get_next_key(map, nullptr, &key, sizeof(key)) == 0) {
        if (bpf_map__delete_elem(map, &key, sizeof(key), 0) != 0) {
            break;
        }
    }
}

} // namespace

template class SkeletonProbe<block_latency_bpf>;

BlockLatencyProbe::BlockLatencyProbe(const BlockOptions& options)
    : m_options(options) {}

BlockLatencyProbe::~BlockLatencyProbe() = default;

void BlockLatencyProbe::attach(const ProbeScope& scope) {
    m_devices = devicesFor(scope);
    bool anyBio = false;
    for (const auto& device : m_devices) {
        anyBio = anyBio || device.bio_based;
    }
    auto openLoadAttach = [&](Mechanism mechanism) {
        checkKernelSupport(mechanism);
        auto skeleton = openSkeleton<block_latency_bpf>();
        auto* rodata = skeleton->rodata;
        std::uint32_t bioMask = 0;
        for (std::size_t slot = 0; slot < m_devices.size(); ++slot) {
            rodata->targ_devs[slot] = m_devices[slot].kernel_dev;
            bioMask |= m_devices[slot].bio_based ? 1u << slot : 0;
        }
        rodata->nr_devs = static_cast<std::uint32_t>(m_devices.size());
        rodata->bio_slot_mask = bioMask;
        for (const auto& choice : programsOf(*skeleton)) {
            const bool load = choice.mechanism == mechanism && hookWanted(choice.hook, anyBio);
            if (const int error = bpf_program__set_autoload(choice.program, load); error != 0) {
                throw libbpfError("set autoload", -error);
            }
        }
        loadAndAttach(*skeleton);
        return skeleton;
    };
    m_stats_before.clear();
    for (const auto& device : m_devices) {
        m_stats_before.push_back(readDiskStats(device.name));
    }
    attachBest(kPlan, m_options.force, openLoadAttach);
    m_windows = scope.windows;
}

// Between windows nothing is stamped, and IOs still in flight when a window closes would leave
// their entries behind, to be matched with a reused pointer in a later window: the maps are
// emptied once the programs are detached.
void BlockLatencyProbe::pause() {
    detachPrograms();
    if (m_skeleton) {
        clearInflight(m_skeleton->maps.bios);
        clearInflight(m_skeleton->maps.rqs);
    }
}

void BlockLatencyProbe::resume() {
    reattachPrograms();
}

void BlockLatencyProbe::detach() {
    if (!m_skeleton) {
        return;
    }
    // A workload can exit with IO in flight (fio does not wait for its last asynchronous
    // reads): those complete after it and are the recording's too. The kernel's in-flight count
    // holds only requests given to the driver, not those still in an IO scheduler or waiting
    // for a tag; bios the probe saw queued and not completed are in its map.
    const auto longest = std::chrono::milliseconds(500);
    const auto deadline = std::chrono::steady_clock::now() + longest;
    waitUntilIdle(m_devices, longest);
    while (!isEmpty(m_skeleton->maps.bios) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    block_latency_bpf::detach(m_skeleton.get());
    m_stats_after.clear();
    for (const auto& device : m_devices) {
        m_stats_after.push_back(readDiskStats(device.name));
    }
}

void BlockLatencyProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    addAttachMetadata(record);
    auto& metadata = record.run.metadata;
    metadata["probe.block.timing"] = "tracepoints";
    std::vector<std::string> names;
    for (const auto& device : m_devices) {
        names.push_back(device.name + (device.bio_based ? "(bio)" : ""));
    }
    metadata["probe.block.devices"] = fmt::format("{}", fmt::join(names, " "));
    collectHistograms(record);
    collectCounters(record);
}

std::vector<std::uint64_t> BlockLatencyProbe::bucketCounts(std::uint32_t slot, std::uint32_t op,
                                                           std::uint32_t metric) const {
    std::vector<std::uint64_t> counts(LOGLIN_BUCKETS, 0);
    for (const block_hist& hist : readPerCpu<block_hist>(bpf_map__fd(m_skeleton->maps.hists),
                                                         block_hist_key(slot, op, metric))) {
        for (std::size_t i = 0; i < LOGLIN_BUCKETS; ++i) {
            counts[i] += hist.buckets[i];
        }
    }
    return counts;
}

double BlockLatencyProbe::histogramScale(std::uint32_t slot, std::uint32_t op,
                                         std::uint64_t sampled) const {
    if (m_windows == nullptr) {
        return 1;
    }
    if (sampled == 0 || slot >= m_stats_before.size() || slot >= m_stats_after.size() ||
        !m_stats_before[slot] || !m_stats_after[slot]) {
        return m_windows->scale();
    }
    const DiskStats d = *m_stats_after[slot] - *m_stats_before[slot];
    const std::array<std::uint64_t, BLOCK_OPS> completed{d.reads, d.writes, d.flushes, d.discards,
                                                         0};
    if (completed[op] == 0) {
        return m_windows->scale();
    }
    return static_cast<double>(completed[op]) / static_cast<double>(sampled);
}

void BlockLatencyProbe::collectHistograms(RunRecord& record) const {
    for (std::uint32_t slot = 0; slot < m_devices.size(); ++slot) {
        for (std::uint32_t op = 0; op < BLOCK_OPS; ++op) {
            // Every metric of an IO lands in the size histogram, which counts them.
            const auto sizes = bucketCounts(slot, op, BLOCK_METRIC_SIZE);
            const std::uint64_t sampled = std::accumulate(sizes.begin(), sizes.end(), 0ULL);
            if (sampled == 0) {
                continue;
            }
            const double scale = histogramScale(slot, op, sampled);
            if (m_windows != nullptr) {
                record.counters.push_back(
                    {"probe.block.sampled_ios",
                     {{"device", m_devices[slot].name}, {"operation", kOperations[op]}},
                     static_cast<double>(sampled),
                     false});
            }
            for (std::uint32_t metric = 0; metric < BLOCK_METRICS; ++metric) {
                auto counts = metric == BLOCK_METRIC_SIZE ? sizes : bucketCounts(slot, op, metric);
                scaleBuckets(counts, scale);
                auto buckets = loglinearBuckets(counts);
                if (buckets.empty()) {
                    continue;
                }
                record.histograms.push_back(
                    {kMetrics[metric],
                     {{"device", m_devices[slot].name}, {"operation", kOperations[op]}},
                     std::move(buckets)});
            }
        }
    }
}

// Every field of block_counters is a u64 count, so the CPUs' values add up field by field.
block_counters BlockLatencyProbe::summedCounters() const {
    constexpr std::size_t kFields = sizeof(block_counters) / sizeof(std::uint64_t);
    static_assert(kFields * sizeof(std::uint64_t) == sizeof(block_counters));
    std::array<std::uint64_t, kFields> sum{};
    for (const block_counters& c :
         readPerCpu<block_counters>(bpf_map__fd(m_skeleton->maps.counters), 0U)) {
        std::array<std::uint64_t, kFields> fields{};
        std::memcpy(fields.data(), &c, sizeof(c));
        for (std::size_t i = 0; i < kFields; ++i) {
            sum[i] += fields[i];
        }
    }
    block_counters total{};
    std::memcpy(&total, sum.data(), sizeof(total));
    return total;
}

void BlockLatencyProbe::collectCounters(RunRecord& record) const {
    const block_counters total = summedCounters();
    const auto probeCounter = [&](std::string name, std::uint64_t value) {
        addCounter(record, "probe.block." + std::move(name), static_cast<double>(value));
    };
    probeCounter("unknown_device", total.unknown_device);
    probeCounter("bio_map_full", total.bio_map_full);
    probeCounter("rq_map_full", total.rq_map_full);
    probeCounter("bio_unmatched", total.bio_unmatched);
    probeCounter("chain_truncated", total.chain_truncated);
    probeCounter("kernel_stamps_checked", total.kernel_stamps_checked);
    probeCounter("kernel_stamps_cached", total.kernel_stamps_cached);
    probeCounter("recursion_misses", recursionMisses(*m_skeleton));
    // Whether the kernel's own request stamps could have served: the run says which it saw.
    if (total.kernel_stamps_checked != 0) {
        record.run.metadata["probe.block.kernel_stamps"] =
            total.kernel_stamps_cached * 2 > total.kernel_stamps_checked ? "plug-cached" : "real";
    }
    // Events counted in the windows, scaled to the run like the histograms.
    const double scale = windowScale(m_windows);
    for (std::size_t slot = 0; slot < m_devices.size(); ++slot) {
        const std::map<std::string, std::string> dims{{"device", m_devices[slot].name}};
        const block_slot_counters& events = total.slots[slot];
        const auto eventCounter = [&](const char* name, std::uint64_t value) {
            if (value != 0) {
                addCounter(record, name, static_cast<double>(scaledCount(value, scale)), dims,
                           m_windows != nullptr);
            }
        };
        eventCounter("block.unqueued_requests", events.unqueued);
        eventCounter("block.back_merges", events.back_merges);
        eventCounter("block.front_merges", events.front_merges);
        eventCounter("block.splits", events.splits);
        eventCounter("block.requeues", events.requeues);
        eventCounter("block.plugs", events.plugs);
        eventCounter("block.unplugs", events.unplugs);
        eventCounter("block.unplugged_requests", events.unplugged_ios);
        if (slot >= m_stats_before.size() || slot >= m_stats_after.size() ||
            !m_stats_before[slot] || !m_stats_after[slot]) {
            continue;
        }
        const DiskStats d = *m_stats_after[slot] - *m_stats_before[slot];
        if (d.reads + d.writes + d.discards + d.flushes == 0) {
            continue;
        }
        const auto sysfs = [&](const char* name, std::uint64_t value) {
            addCounter(record, name, static_cast<double>(value), dims);
        };
        sysfs("block.sysfs.reads", d.reads);
        sysfs("block.sysfs.reads_merged", d.reads_merged);
        sysfs("block.sysfs.read_bytes", d.read_sectors * 512);
        sysfs("block.sysfs.writes", d.writes);
        sysfs("block.sysfs.writes_merged", d.writes_merged);
        sysfs("block.sysfs.write_bytes", d.write_sectors * 512);
        sysfs("block.sysfs.discards", d.discards);
        sysfs("block.sysfs.flushes", d.flushes);
        sysfs("block.sysfs.read_ticks_ms", d.read_ticks_ms);
        sysfs("block.sysfs.write_ticks_ms", d.write_ticks_ms);
        sysfs("block.sysfs.io_ticks_ms", d.io_ticks_ms);
        sysfs("block.sysfs.time_in_queue_ms", d.time_in_queue_ms);
        addCounter(record, "block.sysfs.interval_ms", static_cast<double>(d.read_at_ns) / 1e6,
                   dims);
    }
}

} // namespace iolab::probes
