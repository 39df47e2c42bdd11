#include "analyzer/analysis/loglinear_buckets.h"
#include "analyzer/model/metric_names.h"
#include "block_latency.skel.h"
#include "collector/probes/block_latency.h"
#include "collector/probes/block_programs.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"

#include <array>
#include <cstring>
#include <numeric>

// The block probe's figures: its kernel tables (histograms, counters) and the kernel's disk
// counters turned into the run's histograms and counters.
namespace iolab::probes {
namespace {

using block::kOperations;

// Indexed by enum block_metric.
constexpr std::array<const char*, BLOCK_METRICS> kMetrics{
    metrics::kBlockQ2gNs, metrics::kBlockG2iNs, metrics::kBlockI2dNs,    metrics::kBlockD2cNs,
    metrics::kBlockQ2cNs, metrics::kBlockQ2mNs, metrics::kBlockSizeBytes};

static_assert(sizeof(block_hist) % 8 == 0 && sizeof(block_counters) % 8 == 0,
              "per-CPU values are copied at an 8-byte stride");

} // namespace

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
    probeCounter("recursion_misses", block::recursionMisses(*m_skeleton));
    probeCounter("stacks_lost", total.stacks_lost);
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
