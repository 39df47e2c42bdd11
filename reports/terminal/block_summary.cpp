#include "reports/terminal/block_summary.h"

#include "analyzer/model/histogram_stats.h"
#include "reports/terminal/text_format.h"

#include <fmt/core.h>
#include <map>
#include <utility>

namespace iolab::terminal {
namespace {

using Key = std::pair<std::string, std::string>; // device, operation

struct Row {
    const Histogram* queue = nullptr;
    const Histogram* device = nullptr;
    const Histogram* total = nullptr;
    const Histogram* size = nullptr;
};

std::string dimension(const Histogram& h, const char* name) {
    const auto it = h.dimensions.find(name);
    return it == h.dimensions.end() ? "" : it->second;
}

std::string latency(const Histogram* h, double percent) {
    return h == nullptr ? "-" : formatNanoseconds(percentile(h->buckets, percent));
}

// The lower bound of the bucket holding the median: IO sizes are exact multiples of a sector,
// and a log-linear bucket starts at the common sizes (4 KiB, 128 KiB), where a midpoint or an
// interpolation would print a size no IO had.
std::string typicalSize(const Histogram* h) {
    if (h == nullptr) {
        return "-";
    }
    const std::uint64_t half = (totalCount(h->buckets) + 1) / 2;
    std::uint64_t seen = 0;
    for (const HistogramBucket& b : h->buckets) {
        seen += b.count;
        if (seen >= half) {
            return formatBytes(static_cast<double>(b.lower));
        }
    }
    return "-";
}

// Merges come from /sys/block/NAME/stat, which counts reads and writes only.
std::string merges(const RunRecord& record, const Key& key) {
    const char* counter = key.second == "read"    ? "block.sysfs.reads_merged"
                          : key.second == "write" ? "block.sysfs.writes_merged"
                                                  : nullptr;
    if (counter == nullptr) {
        return "-";
    }
    for (const Counter& c : record.counters) {
        const auto it = c.dimensions.find("device");
        if (c.name == counter && it != c.dimensions.end() && it->second == key.first) {
            return fmt::format("{:.0f}", c.value);
        }
    }
    return "-";
}

} // namespace

void appendBlockBreakdown(std::string& out, const RunRecord& record) {
    std::map<Key, Row> rows;
    for (const Histogram& h : record.histograms) {
        const Key key{dimension(h, "device"), dimension(h, "operation")};
        if (h.metric == "block.queue_ns") {
            rows[key].queue = &h;
        } else if (h.metric == "block.device_ns") {
            rows[key].device = &h;
        } else if (h.metric == "block.total_ns") {
            rows[key].total = &h;
        } else if (h.metric == "block.size_bytes") {
            rows[key].size = &h;
        }
    }
    if (rows.empty()) {
        return;
    }
    out += "\nblock latency per device (queue: allocated -> issued, device: issued -> completed)\n";
    out +=
        fmt::format("  {:<8} {:<7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
                    "DEVICE", "OP", "IOS", "QUEUE P50", "P99", "DEV P50", "P99", "TOTAL P50", "P99",
                    "P99.9", "SIZE", "MERGES");
    for (const auto& [key, row] : rows) {
        const Histogram* counted = row.total != nullptr ? row.total : row.size;
        if (counted == nullptr) {
            continue;
        }
        out += fmt::format(
            "  {:<8} {:<7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
            key.first, key.second, totalCount(counted->buckets), latency(row.queue, 50),
            latency(row.queue, 99), latency(row.device, 50), latency(row.device, 99),
            latency(row.total, 50), latency(row.total, 99), latency(row.total, 99.9),
            typicalSize(row.size), merges(record, key));
    }
    if (const auto duty = record.run.metadata.find("record.duty_cycle");
        duty != record.run.metadata.end()) {
        out += fmt::format("  timed in sampling windows ({:.1f}% of the run), counts scaled to the "
                           "kernel's; --duty 100 times every IO\n",
                           100 * std::stod(duty->second));
    }
}

} // namespace iolab::terminal
