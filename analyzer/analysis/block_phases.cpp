#include "analyzer/analysis/block_phases.h"

#include "analyzer/model/histogram_stats.h"
#include "analyzer/model/metric_names.h"

#include <array>
#include <map>
#include <utility>

namespace iolab::analysis {
namespace {

struct PhaseMetric {
    const char* phase;
    const char* metric;
};

// In the order an IO passes them; Q2M stands beside Q2G for the bios that merged.
constexpr std::array<PhaseMetric, 6> kPhases{{{"Q2G", metrics::kBlockQ2gNs},
                                              {"G2I", metrics::kBlockG2iNs},
                                              {"I2D", metrics::kBlockI2dNs},
                                              {"D2C", metrics::kBlockD2cNs},
                                              {"Q2M", metrics::kBlockQ2mNs},
                                              {"Q2C", metrics::kBlockQ2cNs}}};

std::string dimension(const std::map<std::string, std::string>& dimensions, const char* name) {
    const auto it = dimensions.find(name);
    return it == dimensions.end() ? "" : it->second;
}

PhaseFigure figureOf(const char* phase, const Histogram& histogram) {
    const auto& b = histogram.buckets;
    return {phase,
            totalCount(b),
            mean(b),
            percentile(b, 50),
            percentile(b, 99),
            percentile(b, 99.9),
            std::nullopt};
}

// The shares once every phase of the operation is known.
void addShares(OperationPhases& operation) {
    const PhaseFigure* q2c = nullptr;
    for (const PhaseFigure& figure : operation.phases) {
        if (figure.phase == "Q2C") {
            q2c = &figure;
        }
    }
    if (q2c == nullptr || q2c->count == 0 || q2c->mean_ns <= 0) {
        return;
    }
    const double whole = static_cast<double>(q2c->count) * q2c->mean_ns;
    for (PhaseFigure& figure : operation.phases) {
        figure.share_of_q2c = static_cast<double>(figure.count) * figure.mean_ns / whole;
    }
}

std::optional<double> ratio(double numerator, double denominator) {
    return denominator > 0 ? std::optional(numerator / denominator) : std::nullopt;
}

// iostat -x's definitions (sysstat's rd_stats/compute_ext_disk_stats) over one interval.
std::optional<IostatFigures> iostatOf(const std::map<std::string, double>& sysfs) {
    const auto value = [&](const char* name) {
        const auto it = sysfs.find(std::string("block.sysfs.") + name);
        return it == sysfs.end() ? 0.0 : it->second;
    };
    IostatFigures figures;
    figures.interval_ms = value("interval_ms");
    if (figures.interval_ms <= 0) {
        return std::nullopt;
    }
    figures.aqu_sz = value("time_in_queue_ms") / figures.interval_ms;
    figures.util_percent = 100 * value("io_ticks_ms") / figures.interval_ms;
    figures.r_await_ms = ratio(value("read_ticks_ms"), value("reads"));
    figures.w_await_ms = ratio(value("write_ticks_ms"), value("writes"));
    figures.rareq_kib = ratio(value("read_bytes") / 1024, value("reads"));
    figures.wareq_kib = ratio(value("write_bytes") / 1024, value("writes"));
    return figures;
}

void addEvent(DeviceEvents& events, const Counter& counter) {
    const std::map<std::string, double DeviceEvents::*> kEvents{
        {"block.back_merges", &DeviceEvents::back_merges},
        {"block.front_merges", &DeviceEvents::front_merges},
        {"block.splits", &DeviceEvents::splits},
        {"block.requeues", &DeviceEvents::requeues},
        {"block.plugs", &DeviceEvents::plugs},
        {"block.unplugs", &DeviceEvents::unplugs},
        {"block.unplugged_requests", &DeviceEvents::unplugged_requests},
        {"block.unqueued_requests", &DeviceEvents::unqueued_requests}};
    if (const auto it = kEvents.find(counter.name); it != kEvents.end()) {
        events.*(it->second) += counter.value;
    } else if (counter.name == "block.sysfs.reads" || counter.name == "block.sysfs.writes" ||
               counter.name == "block.sysfs.discards" || counter.name == "block.sysfs.flushes") {
        events.requests = events.requests.value_or(0) + counter.value;
    } else if (counter.name == "block.sysfs.reads_merged" ||
               counter.name == "block.sysfs.writes_merged") {
        events.merges = events.merges.value_or(0) + counter.value;
    }
}

} // namespace

std::optional<double> DeviceEvents::requestsPerUnplug() const {
    return ratio(unplugged_requests, unplugs);
}

std::optional<double> DeviceEvents::mergeRatio() const {
    return requests && merges ? ratio(*merges, *requests) : std::nullopt;
}

BlockPhases blockPhases(const RunRecord& record) {
    using Key = std::pair<std::string, std::string>; // device, operation
    std::map<Key, std::array<std::optional<PhaseFigure>, kPhases.size()>> figures;
    std::map<Key, std::uint64_t> sizes;
    for (const Histogram& histogram : record.histograms) {
        const Key key{dimension(histogram.dimensions, "device"),
                      dimension(histogram.dimensions, "operation")};
        if (histogram.metric == metrics::kBlockSizeBytes) {
            sizes[key] = totalCount(histogram.buckets);
        }
        for (std::size_t i = 0; i < kPhases.size(); ++i) {
            if (histogram.metric == kPhases[i].metric && totalCount(histogram.buckets) > 0) {
                figures[key][i] = figureOf(kPhases[i].phase, histogram);
            }
        }
    }
    BlockPhases result;
    if (figures.empty()) {
        return result;
    }
    for (const auto& [key, byPhase] : figures) {
        OperationPhases operation{key.first, key.second, sizes[key], {}};
        for (const auto& figure : byPhase) {
            if (figure) {
                operation.phases.push_back(*figure);
            }
        }
        addShares(operation);
        result.operations.push_back(std::move(operation));
    }
    std::map<std::string, DeviceEvents> devices;
    std::map<std::string, std::map<std::string, double>> sysfs;
    for (const Counter& counter : record.counters) {
        const std::string device = dimension(counter.dimensions, "device");
        if (!device.empty() && counter.name.starts_with("block.")) {
            devices[device].device = device;
            addEvent(devices[device], counter);
            result.windowed = result.windowed || counter.estimated;
            if (counter.name.starts_with("block.sysfs.")) {
                sysfs[device][counter.name] = counter.value;
            }
        }
    }
    for (auto& [name, events] : devices) {
        events.iostat = iostatOf(sysfs[name]);
        result.devices.push_back(std::move(events));
    }
    return result;
}

} // namespace iolab::analysis
