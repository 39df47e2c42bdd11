#include "analyzer/analysis/comparison.h"
#include "analyzer/errors.h"

#include <cctype>
#include <charconv>

namespace iolab {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace

double parsePercent(std::string_view text) {
    std::string_view number = trim(text);
    if (number.ends_with('%')) {
        number.remove_suffix(1);
    }
    double value = 0;
    const auto* end = number.data() + number.size();
    const auto [ptr, ec] = std::from_chars(number.data(), end, value);
    if (number.empty() || ec != std::errc() || ptr != end || value < 0 || value > 1000) {
        throw InputError("bad percentage '" + std::string(text) + "' (expected e.g. 5% or 2.5)");
    }
    return value;
}

void parseMetricThresholds(std::string_view text, ComparisonOptions& options) {
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view item = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
        const std::size_t equals = item.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            throw InputError("bad metric threshold '" + std::string(item) +
                             "' (expected METRIC=PERCENT or METRIC=off, e.g. iops=3%,p99=10%)");
        }
        const std::string metric(trim(item.substr(0, equals)));
        const std::string_view value = trim(item.substr(equals + 1));
        if (value == "off") {
            options.metric_thresholds[metric] = std::nullopt;
        } else {
            options.metric_thresholds[metric] = parsePercent(value);
        }
    }
}

std::optional<double> thresholdFor(const ComparisonOptions& options, const std::string& metric) {
    const auto& thresholds = options.metric_thresholds;
    if (const auto exact = thresholds.find(metric); exact != thresholds.end()) {
        return exact->second;
    }
    // The last component is the percentile ("p99.9") when the metric ends in one.
    const std::size_t percentile = metric.rfind(".p");
    if (percentile != std::string::npos && percentile + 2 < metric.size() &&
        std::isdigit(static_cast<unsigned char>(metric[percentile + 2])) != 0) {
        if (const auto found = thresholds.find(metric.substr(percentile + 1));
            found != thresholds.end()) {
            return found->second;
        }
    }
    for (std::size_t dot = metric.rfind('.'); dot != std::string::npos && dot > 0;
         dot = metric.rfind('.', dot - 1)) {
        if (const auto found = thresholds.find(metric.substr(0, dot)); found != thresholds.end()) {
            return found->second;
        }
    }
    return options.threshold_percent;
}

} // namespace iolab
