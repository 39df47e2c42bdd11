#include "reports/terminal/block_summary.h"

#include "analyzer/analysis/block_breakdown.h"
#include "analyzer/analysis/block_phases.h"
#include "analyzer/model/duration_text.h"
#include "analyzer/model/histogram_stats.h"
#include "reports/terminal/text_format.h"

#include <fmt/core.h>

namespace iolab::terminal {
namespace {

std::string latency(const Histogram* h, double percent) {
    return h == nullptr ? "-" : formatDuration(percentile(h->buckets, percent));
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
std::string merges(const RunRecord& record, const analysis::BlockBreakdownRow& row) {
    const char* counter = row.operation == "read"    ? "block.sysfs.reads_merged"
                          : row.operation == "write" ? "block.sysfs.writes_merged"
                                                     : nullptr;
    if (counter == nullptr) {
        return "-";
    }
    for (const Counter& c : record.counters) {
        const auto it = c.dimensions.find("device");
        if (c.name == counter && it != c.dimensions.end() && it->second == row.device) {
            return fmt::format("{:.0f}", c.value);
        }
    }
    return "-";
}

// A run recorded before the phases: the kernel's own request stamps (allocation, issue),
// which on kernels that cache the time in the plug can read a queue time of 0.
void appendStampBreakdown(std::string& out, const RunRecord& record) {
    const auto rows = analysis::blockBreakdown(record);
    if (rows.empty()) {
        return;
    }
    out += "\nblock latency per device, from the kernel's request stamps (recorded before "
           "phases; queue: allocated -> issued, device: issued -> completed)\n";
    out +=
        fmt::format("  {:<8} {:<7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
                    "DEVICE", "OP", "IOS", "QUEUE P50", "P99", "DEV P50", "P99", "TOTAL P50", "P99",
                    "P99.9", "SIZE", "MERGES");
    for (const analysis::BlockBreakdownRow& row : rows) {
        out += fmt::format(
            "  {:<8} {:<7} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8}\n",
            row.device, row.operation, row.ios, latency(row.queue, 50), latency(row.queue, 99),
            latency(row.service, 50), latency(row.service, 99), latency(row.total, 50),
            latency(row.total, 99), latency(row.total, 99.9), typicalSize(row.size),
            merges(record, row));
    }
}

std::string share(const std::optional<double>& fraction) {
    return fraction ? fmt::format("{:.1f}%", 100 * *fraction) : "-";
}

std::string optionalCount(const std::optional<double>& value, const char* format = "{:.0f}") {
    return value ? fmt::format(fmt::runtime(format), *value) : "-";
}

void appendPhases(std::string& out, const analysis::BlockPhases& phases) {
    out += "\nblock phases per device (as btt: Q bio queued, G request allocated, I inserted "
           "into the scheduler, D issued to the driver, C completed, M merged)\n";
    out += fmt::format("  {:<8} {:<7} {:<5} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7}\n", "DEVICE", "OP",
                       "PHASE", "COUNT", "MEAN", "P50", "P99", "P99.9", "OF Q2C");
    for (const analysis::OperationPhases& operation : phases.operations) {
        bool first = true;
        for (const analysis::PhaseFigure& f : operation.phases) {
            out += fmt::format("  {:<8} {:<7} {:<5} {:>10} {:>9} {:>9} {:>9} {:>9} {:>7}\n",
                               first ? operation.device : "", first ? operation.operation : "",
                               f.phase, f.count, formatDuration(f.mean_ns),
                               formatDuration(f.p50_ns), formatDuration(f.p99_ns),
                               formatDuration(f.p999_ns), share(f.share_of_q2c));
            first = false;
        }
    }
    out += "\nblock events per device (requests and merges: the kernel's counters; the rest "
           "counted by the probe)\n";
    out += fmt::format("  {:<8} {:>10} {:>9} {:>7} {:>9} {:>9} {:>7} {:>9} {:>9} {:>9} {:>10} "
                       "{:>9}\n",
                       "DEVICE", "REQUESTS", "MERGES", "RATIO", "BACK", "FRONT", "SPLITS",
                       "REQUEUES", "PLUGS", "UNPLUGS", "RQ/UNPLUG", "UNQUEUED");
    for (const analysis::DeviceEvents& d : phases.devices) {
        out += fmt::format("  {:<8} {:>10} {:>9} {:>7} {:>9.0f} {:>9.0f} {:>7.0f} {:>9.0f} "
                           "{:>9.0f} {:>9.0f} {:>10} {:>9.0f}\n",
                           d.device, optionalCount(d.requests), optionalCount(d.merges),
                           optionalCount(d.mergeRatio(), "{:.3f}"), d.back_merges, d.front_merges,
                           d.splits, d.requeues, d.plugs, d.unplugs,
                           optionalCount(d.requestsPerUnplug(), "{:.2f}"), d.unqueued_requests);
    }
    out += "\niostat -x per device over the run (the kernel's counters)\n";
    out += fmt::format("  {:<8} {:>8} {:>7} {:>9} {:>9} {:>10} {:>10}\n", "DEVICE", "AQU-SZ",
                       "%UTIL", "R_AWAIT", "W_AWAIT", "RAREQ-SZ", "WAREQ-SZ");
    for (const analysis::DeviceEvents& d : phases.devices) {
        if (!d.iostat) {
            continue;
        }
        const analysis::IostatFigures& io = *d.iostat;
        out += fmt::format("  {:<8} {:>8.2f} {:>7.1f} {:>9} {:>9} {:>10} {:>10}\n", d.device,
                           io.aqu_sz, io.util_percent, optionalCount(io.r_await_ms, "{:.3f}ms"),
                           optionalCount(io.w_await_ms, "{:.3f}ms"),
                           optionalCount(io.rareq_kib, "{:.1f}KiB"),
                           optionalCount(io.wareq_kib, "{:.1f}KiB"));
    }
}

} // namespace

void appendBlockBreakdown(std::string& out, const RunRecord& record) {
    const analysis::BlockPhases phases = analysis::blockPhases(record);
    if (phases.operations.empty()) {
        appendStampBreakdown(out, record);
    } else {
        appendPhases(out, phases);
    }
    if (const auto duty = record.run.metadata.find("record.duty_cycle");
        duty != record.run.metadata.end()) {
        out += fmt::format("  timed in sampling windows ({:.1f}% of the run), counts scaled to the "
                           "kernel's; --duty 100 times every IO\n",
                           100 * std::stod(duty->second));
    }
}

namespace {

nlohmann::ordered_json optionalJson(const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json iostatJson(const analysis::IostatFigures& io) {
    return {{"interval_ms", io.interval_ms},
            {"aqu_sz", io.aqu_sz},
            {"util_percent", io.util_percent},
            {"r_await_ms", optionalJson(io.r_await_ms)},
            {"w_await_ms", optionalJson(io.w_await_ms)},
            {"rareq_kib", optionalJson(io.rareq_kib)},
            {"wareq_kib", optionalJson(io.wareq_kib)}};
}

} // namespace

nlohmann::ordered_json blockPhasesJson(const RunRecord& record) {
    const analysis::BlockPhases phases = analysis::blockPhases(record);
    nlohmann::ordered_json json;
    json["windowed"] = phases.windowed;
    json["operations"] = nlohmann::ordered_json::array();
    for (const analysis::OperationPhases& operation : phases.operations) {
        nlohmann::ordered_json row{{"device", operation.device},
                                   {"operation", operation.operation},
                                   {"requests", operation.requests},
                                   {"phases", nlohmann::ordered_json::array()}};
        for (const analysis::PhaseFigure& f : operation.phases) {
            row["phases"].push_back({{"phase", f.phase},
                                     {"count", f.count},
                                     {"mean_ns", f.mean_ns},
                                     {"p50_ns", f.p50_ns},
                                     {"p99_ns", f.p99_ns},
                                     {"p99_9_ns", f.p999_ns},
                                     {"share_of_q2c", optionalJson(f.share_of_q2c)}});
        }
        json["operations"].push_back(std::move(row));
    }
    json["devices"] = nlohmann::ordered_json::array();
    for (const analysis::DeviceEvents& d : phases.devices) {
        json["devices"].push_back({{"device", d.device},
                                   {"requests", optionalJson(d.requests)},
                                   {"merges", optionalJson(d.merges)},
                                   {"merge_ratio", optionalJson(d.mergeRatio())},
                                   {"back_merges", d.back_merges},
                                   {"front_merges", d.front_merges},
                                   {"splits", d.splits},
                                   {"requeues", d.requeues},
                                   {"plugs", d.plugs},
                                   {"unplugs", d.unplugs},
                                   {"requests_per_unplug", optionalJson(d.requestsPerUnplug())},
                                   {"unqueued_requests", d.unqueued_requests},
                                   {"iostat", d.iostat ? iostatJson(*d.iostat) : nullptr}});
    }
    return json;
}

} // namespace iolab::terminal
