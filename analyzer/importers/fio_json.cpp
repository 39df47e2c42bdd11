#include "analyzer/importers/fio_json.h"

#include "analyzer/errors.h"
#include "analyzer/importers/fio_json_scope.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace iolab::importers {
namespace {

using fio::Context;
using fio::JobScope;
using nlohmann::json;

constexpr std::string_view kDirections[] = {"read", "write", "trim"};
constexpr std::string_view kLatencyKinds[] = {"slat_ns", "clat_ns", "lat_ns"};
// fio before 3.0 gave latencies in microseconds under these names.
constexpr std::string_view kMicrosecondKinds[] = {"slat", "clat", "lat"};

// fio prints warnings (and with errors, its job lines) to stdout before the document: the
// document starts at the first line that starts with '{'.
std::size_t documentStart(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (text[pos] == '{') {
            return pos;
        }
        const std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            break;
        }
        pos = end + 1;
    }
    return std::string_view::npos;
}

// `unitNs`: 1 for fio 3's *_ns groups, 1000 for the microseconds of fio 2's.
LatencySummary readLatency(const JobScope& scope, const json& group, std::uint64_t unitNs) {
    LatencySummary summary;
    summary.min_ns = scope.unsignedNumber(group, "min") * unitNs;
    summary.max_ns = scope.unsignedNumber(group, "max") * unitNs;
    summary.mean_ns = scope.number(group, "mean") * static_cast<double>(unitNs);
    summary.stddev_ns = scope.number(group, "stddev") * static_cast<double>(unitNs);
    const auto percentiles = group.find("percentile");
    if (percentiles == group.end()) {
        return summary;
    }
    if (!percentiles->is_object()) {
        scope.fail("percentile", "is not an object");
    }
    for (const auto& [key, value] : percentiles->items()) {
        double percent = 0;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), percent);
        if (ec != std::errc{} || end != key.data() + key.size() || percent < 0 || percent > 100) {
            scope.fail("percentile", "has a key that is not a percentage: \"" + key + "\"");
        }
        summary.percentiles.push_back({percent, scope.unsignedNumber(*percentiles, key) * unitNs});
    }
    std::sort(summary.percentiles.begin(), summary.percentiles.end(),
              [](const Percentile& a, const Percentile& b) { return a.percent < b.percent; });
    return summary;
}

// fio's json+ "bins" are keyed by the middle of each bucket of its log-linear histogram
// (64 linear steps per power of two, stat.h FIO_IO_U_PLAT_BITS = 6): recover the bounds.
HistogramBucket binBounds(std::uint64_t middle, std::uint64_t count) {
    constexpr unsigned kBits = 6;
    if (middle < (std::uint64_t{1} << (kBits + 1))) {
        return {middle, middle + 1, count};
    }
    const unsigned errorBits = static_cast<unsigned>(std::bit_width(middle)) - 1 - kBits;
    const std::uint64_t half = std::uint64_t{1} << (errorBits - 1);
    const std::uint64_t upper =
        middle > UINT64_MAX - half ? UINT64_MAX : middle + half; // only in corrupt input
    return {middle - half, upper, count};
}

std::vector<HistogramBucket> readBins(const JobScope& scope, const json& bins) {
    if (!bins.is_object()) {
        scope.fail("bins", "is not an object");
    }
    std::vector<HistogramBucket> buckets;
    for (const auto& [key, value] : bins.items()) {
        std::uint64_t middle = 0;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), middle);
        if (ec != std::errc{} || end != key.data() + key.size()) {
            scope.fail("bins", "has a key that is not a latency: \"" + key + "\"");
        }
        buckets.push_back(binBounds(middle, scope.unsignedNumber(bins, key)));
    }
    std::sort(buckets.begin(), buckets.end(),
              [](const HistogramBucket& a, const HistogramBucket& b) { return a.lower < b.lower; });
    return buckets;
}

// The directions a job's `rw` option asks for: what a job that failed before any IO would
// have done.
std::vector<std::string_view> plannedDirections(const json& options) {
    const auto rw = options.find("rw");
    const std::string mode = rw != options.end() && rw->is_string() ? rw->get<std::string>() : "";
    if (mode == "write" || mode == "randwrite") {
        return {"write"};
    }
    if (mode == "rw" || mode == "readwrite" || mode == "randrw") {
        return {"read", "write"};
    }
    if (mode == "trim" || mode == "randtrim") {
        return {"trim"};
    }
    if (mode == "trimwrite" || mode == "randtrimwrite") {
        return {"trim", "write"};
    }
    return {"read"};
}

std::string optionText(const json& value) {
    return value.is_string() ? value.get<std::string>() : value.dump();
}

void readOptions(const json& options, const std::string& prefix,
                 std::map<std::string, std::string>& metadata) {
    for (const auto& [key, value] : options.items()) {
        if (key != "name") {
            metadata[prefix + key] = optionText(value);
        }
    }
}

// The fields fio before 3.0 did not write, and what stands in for them.
constexpr std::string_view kBeforeFio3 =
    "bw_bytes (bw KiB/s x 1024), slat_ns/clat_ns/lat_ns (slat/clat/lat us x 1000)";
constexpr std::string_view kBeforeTotalIos = "total_ios (iops x runtime)";

FioJob readDirection(const JobScope& scope, const std::string& jobName, int error,
                     std::string_view direction, const json& stats,
                     std::set<std::string_view>& absent) {
    FioJob job;
    job.job = jobName;
    job.direction = direction;
    job.error = error;
    job.iops = scope.number(stats, "iops");
    job.runtime_ms = scope.unsignedNumber(stats, "runtime");
    if (stats.contains("total_ios")) {
        job.ios = scope.unsignedNumber(stats, "total_ios");
    } else {
        // fio 2.1 printed iops as a whole number: the IOs are known to within runtime / 1000.
        job.ios = static_cast<std::uint64_t>(
            std::llround(job.iops * static_cast<double>(job.runtime_ms) / 1000));
        absent.insert(kBeforeTotalIos);
    }
    const bool microseconds = !stats.contains("clat_ns") && stats.contains("clat");
    if (microseconds) {
        absent.insert(kBeforeFio3);
        job.bandwidth_bytes = scope.unsignedNumber(stats, "bw") * 1024;
    } else {
        job.bandwidth_bytes = scope.unsignedNumber(stats, "bw_bytes");
    }
    LatencySummary* summaries[] = {&job.slat, &job.clat, &job.lat};
    for (std::size_t i = 0; i < std::size(kLatencyKinds); ++i) {
        const std::string kind(microseconds ? kMicrosecondKinds[i] : kLatencyKinds[i]);
        const JobScope inner = scope.inner(kind);
        const json& group = scope.member(stats, kind);
        if (!group.is_object()) {
            scope.fail(kind, "is not an object");
        }
        *summaries[i] = readLatency(inner, group, microseconds ? 1000 : 1);
        if (kind == "clat_ns" && group.contains("bins")) {
            job.clat_histogram = readBins(inner, group.at("bins"));
        }
    }
    return job;
}

void readJob(const JobScope& scope, const json& entry, FioResults& results,
             std::set<std::string_view>& absent) {
    if (!entry.is_object()) {
        scope.context.fail(scope.offset, "fio JSON: " + scope.path + " is not an object");
    }
    const json& nameValue = scope.member(entry, "jobname");
    if (!nameValue.is_string()) {
        scope.fail("jobname", "is not a string");
    }
    const std::string name = nameValue.get<std::string>();
    const int error = static_cast<int>(scope.unsignedNumber(entry, "error") & 0x7fffffff);
    const auto options = entry.find("job options");
    if (options != entry.end() && options->is_object()) {
        readOptions(*options, "fio." + name + ".", results.metadata);
    }
    std::vector<FioJob> kept;
    std::vector<FioJob> idle;
    for (std::string_view direction : kDirections) {
        const auto stats = entry.find(std::string(direction));
        if (stats == entry.end()) {
            continue;
        }
        if (!stats->is_object()) {
            scope.fail(std::string(direction), "is not an object");
        }
        FioJob job = readDirection(scope.inner(std::string(direction)), name, error, direction,
                                   *stats, absent);
        (job.ios == 0 && job.runtime_ms == 0 ? idle : kept).push_back(std::move(job));
    }
    if (kept.empty() && error != 0) {
        // Keep the failed job visible: its planned directions, with no IO.
        const json noOptions = json::object();
        for (std::string_view direction :
             plannedDirections(options != entry.end() ? *options : noOptions)) {
            for (FioJob& job : idle) {
                if (job.direction == direction) {
                    kept.push_back(std::move(job));
                }
            }
        }
    }
    std::move(kept.begin(), kept.end(), std::back_inserter(results.jobs));
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " prefix.
std::string parseMessage(const std::string& what) {
    const std::size_t column = what.find("column ");
    const std::size_t colon = column == std::string::npos ? what.npos : what.find(": ", column);
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

// nlohmann's message without its "[json.exception.out_of_range.406] " prefix.
std::string exceptionMessage(const std::string& what) {
    const std::size_t close = what.find("] ");
    return close == std::string::npos ? what : what.substr(close + 2);
}

} // namespace

FioResults parseFioJson(std::string_view text, const std::string& sourceName) {
    const Context context(text, sourceName);
    const std::size_t start = documentStart(text);
    if (start == std::string_view::npos) {
        context.fail(text.size(), "no fio JSON document (no line starts with '{')");
    }
    json document;
    std::istringstream stream{std::string(text.substr(start))};
    try {
        // operator>> reads one value and ignores what follows (fio error lines).
        stream >> document;
    } catch (const json::parse_error& error) {
        const std::size_t byte = error.byte == 0 ? 0 : error.byte - 1;
        context.fail(start + byte, "malformed fio JSON: " + parseMessage(error.what()));
    } catch (const json::out_of_range& error) {
        // A number too large for a double ("1e999"): the error has no position, but the stream
        // stopped just past the number.
        const auto stopped = stream.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in);
        const std::size_t byte = stopped < 0 ? 0 : static_cast<std::size_t>(stopped);
        context.fail(start + byte, "malformed fio JSON: " + exceptionMessage(error.what()));
    }
    const JobScope top{context, start, "document"};
    if (!document.is_object()) {
        context.fail(start, "fio JSON: the document is not an object");
    }
    FioResults results;
    const json& version = top.member(document, "fio version");
    if (!version.is_string()) {
        top.fail("fio version", "is not a string");
    }
    results.metadata["fio.version"] = version.get<std::string>();
    const auto global = document.find("global options");
    if (global != document.end() && global->is_object()) {
        readOptions(*global, "fio.global.", results.metadata);
    }
    const json& jobs = top.member(document, "jobs");
    if (!jobs.is_array()) {
        top.fail("jobs", "is not an array");
    }
    std::set<std::string_view> absent;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const JobScope scope{context, context.jobOffset(start, i),
                             "jobs[" + std::to_string(i) + "]"};
        readJob(scope, jobs[i], results, absent);
    }
    std::string absentFields;
    for (const std::string_view field : absent) {
        absentFields += (absentFields.empty() ? "" : "; ") + std::string(field);
    }
    if (!absentFields.empty()) {
        results.metadata["fio.absent_fields"] = absentFields;
    }
    return results;
}

std::string_view FioJsonImporter::format() const {
    return "fio-json";
}

Detection FioJsonImporter::detect(std::string_view head) const {
    const std::size_t start = documentStart(head);
    if (start == std::string_view::npos) {
        // Warning lines may precede the document, but not pages of them.
        constexpr std::size_t kMaxPreamble = 64 * 1024;
        return head.size() < kMaxPreamble ? Detection::NeedMore : Detection::No;
    }
    // fio's first key is always "fio version".
    const std::size_t key = head.find_first_not_of(" \t\r\n", start + 1);
    if (key == std::string_view::npos) {
        return Detection::NeedMore;
    }
    constexpr std::string_view kFirstKey = "\"fio version\"";
    const std::string_view rest = head.substr(key);
    if (rest.size() < kFirstKey.size()) {
        return kFirstKey.starts_with(rest) ? Detection::NeedMore : Detection::No;
    }
    return rest.starts_with(kFirstKey) ? Detection::Yes : Detection::No;
}

void FioJsonImporter::import(Source source, RunRecord& record) const {
    const std::string text(std::istreambuf_iterator<char>(source.stream), {});
    if (source.stream.bad()) {
        throw SystemError(source.name + ": read error");
    }
    FioResults results = parseFioJson(text, source.name);
    std::move(results.jobs.begin(), results.jobs.end(), std::back_inserter(record.fio_jobs));
    record.run.metadata.merge(results.metadata);
}

} // namespace iolab::importers
