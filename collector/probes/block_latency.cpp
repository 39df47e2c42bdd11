#include "collector/probes/block_latency.h"

#include "analyzer/analysis/loglinear_buckets.h"
#include "block_latency.skel.h"
#include "bpf/block_latency.h"
#include "collector/probes/probe_support.h"

#include <array>
#include <bpf/bpf.h>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <numeric>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};
constexpr std::array<const char*, BLOCK_OPS> kOperations{"read", "write", "flush", "discard",
                                                         "other"};
constexpr std::array<const char*, BLOCK_METRICS> kMetrics{"block.queue_ns", "block.device_ns",
                                                          "block.total_ns", "block.size_bytes"};

static_assert(sizeof(block_hist) % 8 == 0 && sizeof(block_counters) % 8 == 0,
              "per-CPU values are copied at an 8-byte stride");

enum class Hook { RqComplete, RqInsert, RqIssue, RqRequeue, BioQueue, BioComplete };

struct ProgramChoice {
    Mechanism mechanism;
    Hook hook;
    bpf_program* program;
};

std::vector<ProgramChoice> programsOf(block_latency_bpf& s) {
    auto& p = s.progs;
    return {
        {Mechanism::TpBtf, Hook::RqComplete, p.rq_complete_btf},
        {Mechanism::TpBtf, Hook::RqInsert, p.rq_insert_btf},
        {Mechanism::TpBtf, Hook::RqIssue, p.rq_issue_btf},
        {Mechanism::TpBtf, Hook::RqRequeue, p.rq_requeue_btf},
        {Mechanism::TpBtf, Hook::BioQueue, p.bio_queue_btf},
        {Mechanism::TpBtf, Hook::BioComplete, p.bio_complete_btf},
        {Mechanism::RawTp, Hook::RqComplete, p.rq_complete_raw},
        {Mechanism::RawTp, Hook::RqInsert, p.rq_insert_raw},
        {Mechanism::RawTp, Hook::RqIssue, p.rq_issue_raw},
        {Mechanism::RawTp, Hook::RqRequeue, p.rq_requeue_raw},
        {Mechanism::RawTp, Hook::BioQueue, p.bio_queue_raw},
        {Mechanism::RawTp, Hook::BioComplete, p.bio_complete_raw},
        {Mechanism::Tracepoint, Hook::RqComplete, p.rq_complete_tp},
        {Mechanism::Tracepoint, Hook::RqInsert, p.rq_insert_tp},
        {Mechanism::Tracepoint, Hook::RqIssue, p.rq_issue_tp},
        {Mechanism::Tracepoint, Hook::RqRequeue, p.rq_requeue_tp},
        {Mechanism::Tracepoint, Hook::BioQueue, p.bio_queue_tp},
        {Mechanism::Tracepoint, Hook::BioComplete, p.bio_complete_tp},
    };
}

// Which hooks a recording needs: completion and requeues always; insert and issue only when
// requests are timed through the in-flight map; bio hooks only when a bio-based device is
// watched (they fire for every bio of every device, so they are not free).
bool hookWanted(Hook hook, bool inflightMap, bool anyBioDevice) {
    switch (hook) {
    case Hook::RqComplete:
    case Hook::RqRequeue:
        return true;
    case Hook::RqInsert:
    case Hook::RqIssue:
        return inflightMap;
    case Hook::BioQueue:
    case Hook::BioComplete:
        return anyBioDevice;
    }
    return false;
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

template <class Value>
std::vector<Value> readPerCpu(bpf_map* map, std::uint32_t key) {
    const int cpus = libbpf_num_possible_cpus();
    if (cpus < 0) {
        throw libbpfError("count possible CPUs", -cpus);
    }
    std::vector<Value> values(cpus);
    if (const int error = bpf_map__lookup_elem(map, &key, sizeof(key), values.data(),
                                               values.size() * sizeof(Value), 0);
        error != 0) {
        throw libbpfError("read block map", -error);
    }
    return values;
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

} // namespace

BlockLatencyProbe::BlockLatencyProbe(const BlockOptions& options)
    : m_options(options) {}

BlockLatencyProbe::~BlockLatencyProbe() = default;

void BlockLatencyProbe::attach(const ProbeScope& scope) {
    m_devices = devicesFor(scope);
    bool anyBio = false;
    bool allStamped = true;
    for (const auto& device : m_devices) {
        anyBio = anyBio || device.bio_based;
        allStamped = allStamped && (device.bio_based || device.stamps_requests);
    }
    auto openLoadAttach = [&](Mechanism mechanism) {
        checkKernelSupport(mechanism);
        auto skeleton = openSkeleton<block_latency_bpf>();
        // Classic tracepoint records carry no request, so no stamps: always the map.
        const bool inflightMap =
            m_options.force_inflight_map || !allStamped || mechanism == Mechanism::Tracepoint;
        auto* rodata = skeleton->rodata;
        std::uint32_t bioMask = 0;
        for (std::size_t slot = 0; slot < m_devices.size(); ++slot) {
            rodata->targ_devs[slot] = m_devices[slot].kernel_dev;
            bioMask |= m_devices[slot].bio_based ? 1u << slot : 0;
        }
        rodata->nr_devs = static_cast<std::uint32_t>(m_devices.size());
        rodata->bio_slot_mask = bioMask;
        rodata->use_inflight_map = inflightMap;
        for (const auto& choice : programsOf(*skeleton)) {
            const bool load =
                choice.mechanism == mechanism && hookWanted(choice.hook, inflightMap, anyBio);
            if (const int error = bpf_program__set_autoload(choice.program, load); error != 0) {
                throw libbpfError("set autoload", -error);
            }
        }
        loadAndAttach(*skeleton);
        return std::pair{std::move(skeleton), inflightMap};
    };
    m_stats_before.clear();
    for (const auto& device : m_devices) {
        m_stats_before.push_back(readDiskStats(device.name));
    }
    auto [attached, outcome] = attachBestFirst("block", kPlan, m_options.force, openLoadAttach);
    m_skeleton = std::move(attached.first);
    m_inflight_map = attached.second;
    m_outcome = std::move(outcome);
    m_windows = scope.windows;
}

// With the in-flight map, a request inserted before a pause and completed after it leaves
// its entry until then; the map is bounded and counts what did not fit.
void BlockLatencyProbe::pause() {
    detachSkeleton(m_skeleton.get());
}

void BlockLatencyProbe::resume() {
    reattachSkeleton(m_skeleton.get());
}

void BlockLatencyProbe::openWindow() {
    if (m_skeleton) {
        m_skeleton->bss->window_start_ns = static_cast<std::uint64_t>(monotonicNs());
        m_skeleton->data->counting = 1;
    }
}

void BlockLatencyProbe::closeWindow() {
    if (m_skeleton) {
        m_skeleton->data->counting = 0;
    }
}

void BlockLatencyProbe::detach() {
    if (!m_skeleton) {
        return;
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
    auto& metadata = record.run.metadata;
    metadata["probe.block.mechanism"] = std::string(toString(m_outcome.mechanism));
    for (const auto& failure : m_outcome.failures) {
        metadata["probe.block.failed." + std::string(toString(failure.mechanism))] = failure.reason;
    }
    metadata["probe.block.timing"] = m_inflight_map ? "inflight-map" : "kernel-stamps";
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
    for (const block_hist& hist :
         readPerCpu<block_hist>(m_skeleton->maps.hists, block_hist_key(slot, op, metric))) {
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

void BlockLatencyProbe::collectCounters(RunRecord& record) const {
    block_counters total{};
    for (const block_counters& c : readPerCpu<block_counters>(m_skeleton->maps.counters, 0)) {
        total.unstamped += c.unstamped;
        total.unknown_device += c.unknown_device;
        total.inflight_full += c.inflight_full;
        total.bio_inflight_full += c.bio_inflight_full;
        total.bio_unmatched += c.bio_unmatched;
        for (std::size_t slot = 0; slot < BLOCK_MAX_SLOTS; ++slot) {
            total.requeues[slot] += c.requeues[slot];
        }
    }
    auto add = [&](std::string name, std::map<std::string, std::string> dims, double value) {
        record.counters.push_back({std::move(name), std::move(dims), value, false});
    };
    add("probe.block.unstamped", {}, static_cast<double>(total.unstamped));
    add("probe.block.unknown_device", {}, static_cast<double>(total.unknown_device));
    add("probe.block.inflight_full", {}, static_cast<double>(total.inflight_full));
    add("probe.block.bio_inflight_full", {}, static_cast<double>(total.bio_inflight_full));
    add("probe.block.bio_unmatched", {}, static_cast<double>(total.bio_unmatched));
    add("probe.block.recursion_misses", {}, static_cast<double>(recursionMisses(*m_skeleton)));
    for (std::size_t slot = 0; slot < m_devices.size(); ++slot) {
        const std::map<std::string, std::string> dims{{"device", m_devices[slot].name}};
        if (total.requeues[slot] != 0) {
            add("block.requeues", dims, static_cast<double>(total.requeues[slot]));
        }
        if (slot >= m_stats_before.size() || slot >= m_stats_after.size() ||
            !m_stats_before[slot] || !m_stats_after[slot]) {
            continue;
        }
        const DiskStats d = *m_stats_after[slot] - *m_stats_before[slot];
        if (d.reads + d.writes + d.discards + d.flushes == 0) {
            continue;
        }
        add("block.sysfs.reads", dims, static_cast<double>(d.reads));
        add("block.sysfs.reads_merged", dims, static_cast<double>(d.reads_merged));
        add("block.sysfs.read_bytes", dims, static_cast<double>(d.read_sectors * 512));
        add("block.sysfs.writes", dims, static_cast<double>(d.writes));
        add("block.sysfs.writes_merged", dims, static_cast<double>(d.writes_merged));
        add("block.sysfs.write_bytes", dims, static_cast<double>(d.write_sectors * 512));
        add("block.sysfs.discards", dims, static_cast<double>(d.discards));
        add("block.sysfs.flushes", dims, static_cast<double>(d.flushes));
    }
}

} // namespace iolab::probes
