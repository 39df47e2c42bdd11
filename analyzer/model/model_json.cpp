#include "analyzer/model/model_json.h"

namespace iolab {
namespace {

nlohmann::ordered_json toJson(const std::map<std::string, std::string>& map) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto& [key, value] : map) {
        object[key] = value;
    }
    return object;
}

nlohmann::ordered_json toJson(const LatencySummary& summary) {
    nlohmann::ordered_json percentiles = nlohmann::ordered_json::array();
    for (const auto& p : summary.percentiles) {
        percentiles.push_back({{"percent", p.percent}, {"ns", p.value_ns}});
    }
    return {{"min_ns", summary.min_ns},
            {"max_ns", summary.max_ns},
            {"mean_ns", summary.mean_ns},
            {"stddev_ns", summary.stddev_ns},
            {"percentiles", percentiles}};
}

nlohmann::ordered_json toJson(const std::vector<HistogramBucket>& buckets) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const auto& b : buckets) {
        array.push_back({{"lower", b.lower}, {"upper", b.upper}, {"count", b.count}});
    }
    return array;
}

} // namespace

nlohmann::ordered_json toJson(const Run& run) {
    return {{"id", run.id},
            {"name", run.name},
            {"status", toString(run.status)},
            {"tags", run.tags},
            {"series", run.series},
            {"source", run.source},
            {"command", run.command},
            {"start_ns", run.start_ns},
            {"end_ns", run.end_ns},
            {"commit", run.provenance.commit},
            {"branch", run.provenance.branch},
            {"ci_job", run.provenance.ci_job},
            {"uuid", run.uuid},
            {"metadata", toJson(run.metadata)}};
}

nlohmann::ordered_json toJson(const FioJob& job) {
    return {{"job", job.job},
            {"direction", job.direction},
            {"ios", job.ios},
            {"iops", job.iops},
            {"bandwidth_bytes", job.bandwidth_bytes},
            {"runtime_ms", job.runtime_ms},
            {"error", job.error},
            {"slat", toJson(job.slat)},
            {"clat", toJson(job.clat)},
            {"lat", toJson(job.lat)},
            {"clat_histogram", toJson(job.clat_histogram)}};
}

nlohmann::ordered_json toJson(const Histogram& histogram) {
    return {{"metric", histogram.metric},
            {"dimensions", toJson(histogram.dimensions)},
            {"buckets", toJson(histogram.buckets)}};
}

nlohmann::ordered_json toJson(const Counter& counter) {
    return {{"name", counter.name},
            {"dimensions", toJson(counter.dimensions)},
            {"value", counter.value},
            {"estimated", counter.estimated}};
}

} // namespace iolab
