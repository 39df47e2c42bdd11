#include "reports/terminal/run_summary.h"

#include "analyzer/analysis/run_figures.h"
#include "analyzer/model/duration_text.h"
#include "analyzer/model/histogram_stats.h"
#include "analyzer/model/model_json.h"
#include "reports/terminal/block_summary.h"
#include "reports/terminal/summary_costs.h"
#include "reports/terminal/text_format.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace iolab::terminal {
namespace {

constexpr double kSummaryPercentiles[] = {50.0, 99.0, 99.9};

std::string percentileOf(const LatencySummary& summary, double percent) {
    for (const auto& p : summary.percentiles) {
        if (p.percent == percent) {
            return formatDuration(static_cast<double>(p.value_ns));
        }
    }
    return "-";
}

std::string_view orDash(const std::string& text) {
    return text.empty() ? std::string_view("-") : std::string_view(text);
}

void appendRun(std::string& out, const Run& run) {
    out += fmt::format("run {}: {} [{}]\n", run.id, run.name, toString(run.status));
    out += fmt::format("  source:   {}\n", run.source);
    if (!run.command.empty()) {
        out += fmt::format("  command:  {}\n", run.command);
    }
    out += fmt::format("  started:  {}", formatTimestamp(run.start_ns));
    if (run.end_ns > run.start_ns && run.start_ns > 0) {
        out += fmt::format("  ({:.1f}s)", static_cast<double>(run.end_ns - run.start_ns) / 1e9);
    }
    out += "\n";
    if (!run.tags.empty()) {
        out += fmt::format("  tags:     {}\n", fmt::join(run.tags, ", "));
    }
    if (!run.series.empty()) {
        out += fmt::format("  series:   {}\n", run.series);
    }
    if (run.provenance != Provenance{}) {
        out +=
            fmt::format("  commit:   {}  branch: {}  ci job: {}\n", orDash(run.provenance.commit),
                        orDash(run.provenance.branch), orDash(run.provenance.ci_job));
    }
    for (const auto& [key, value] : run.metadata) {
        // Every window's open and close, for an observer of the same run to line up with (one
        // pair each, thousands in a long run): record.windows counts them, --json has them.
        if (key != "record.window_spans_ns") {
            out += fmt::format("  {:<30} {}\n", key, value);
        }
    }
}

void appendFioJobs(std::string& out, const std::vector<FioJob>& jobs) {
    if (jobs.empty()) {
        return;
    }
    out += "\nfio jobs\n";
    out += fmt::format("  {:<20} {:<6} {:>10} {:>12} {:>10} {:>10} {:>10} {:>10}\n", "JOB", "DIR",
                       "IOPS", "BW/s", "IOS", "CLAT P50", "CLAT P99", "P99.9");
    for (const FioJob& job : jobs) {
        out += fmt::format("  {:<20} {:<6} {:>10.0f} {:>12} {:>10} {:>10} {:>10} {:>10}{}\n",
                           job.job, job.direction, job.iops,
                           formatBytes(static_cast<double>(job.bandwidth_bytes)), job.ios,
                           percentileOf(job.clat, 50.0), percentileOf(job.clat, 99.0),
                           percentileOf(job.clat, 99.9),
                           job.error != 0 ? fmt::format("  error {}", job.error) : "");
    }
}

void appendHistograms(std::string& out, const std::vector<Histogram>& histograms) {
    if (histograms.empty()) {
        return;
    }
    out += "\nhistograms\n";
    out += fmt::format("  {:<22} {:<32} {:>10} {:>9} {:>9} {:>9} {:>9}\n", "METRIC", "WHERE",
                       "COUNT", "MEAN", "P50", "P99", "P99.9");
    for (const Histogram& h : histograms) {
        std::string line =
            fmt::format("  {:<22} {:<32} {:>10} {:>9}", h.metric, formatDimensions(h.dimensions),
                        totalCount(h.buckets), formatMetricValue(h.metric, mean(h.buckets)));
        for (const double p : kSummaryPercentiles) {
            line += fmt::format(" {:>9}", formatMetricValue(h.metric, percentile(h.buckets, p)));
        }
        out += line + "\n";
    }
}

void appendCounters(std::string& out, const std::vector<Counter>& counters) {
    if (counters.empty()) {
        return;
    }
    out += "\ncounters\n";
    for (const Counter& c : counters) {
        out += fmt::format("  {:<40} {:<24} {:>14}{}\n", c.name, formatDimensions(c.dimensions),
                           counterText(c.value), c.estimated ? " (estimated)" : "");
    }
}

nlohmann::ordered_json histogramSummaryJson(const Histogram& h) {
    nlohmann::ordered_json json = toJson(h);
    json["count"] = totalCount(h.buckets);
    json["mean"] = mean(h.buckets);
    nlohmann::ordered_json percentiles = nlohmann::ordered_json::object();
    for (const double p : kSummaryPercentiles) {
        percentiles[fmt::format("p{}", p)] = percentile(h.buckets, p);
    }
    json["percentiles"] = percentiles;
    return json;
}

} // namespace

std::string renderSummary(const RunRecord& record, const CostViewOptions& options) {
    std::string out;
    appendRun(out, record.run);
    appendFioJobs(out, record.fio_jobs);
    appendBlockBreakdown(out, record);
    appendCosts(out, record, options);
    appendHistograms(out, record.histograms);
    appendCounters(out, record.counters);
    return out;
}

nlohmann::ordered_json summaryJson(const RunRecord& record, const CostViewOptions& options) {
    nlohmann::ordered_json json;
    json["run"] = toJson(record.run);
    json["fio_jobs"] = nlohmann::ordered_json::array();
    for (const auto& job : record.fio_jobs) {
        json["fio_jobs"].push_back(toJson(job));
    }
    json["histograms"] = nlohmann::ordered_json::array();
    for (const auto& h : record.histograms) {
        json["histograms"].push_back(histogramSummaryJson(h));
    }
    json["counters"] = nlohmann::ordered_json::array();
    for (const auto& c : record.counters) {
        json["counters"].push_back(toJson(c));
    }
    json["block_phases"] = blockPhasesJson(record);
    addCostsJson(json, record, options);
    return json;
}

} // namespace iolab::terminal
