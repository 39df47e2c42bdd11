#include "analyzer/analysis/history.h"

#include "analyzer/analysis/comparison_figures.h"
#include "analyzer/errors.h"

#include <map>

namespace iolab {

std::string historyMetric(std::string_view name) {
    for (const std::string_view metric : kHistoryMetrics) {
        if (name == metric || (metric.starts_with("clat.") && metric.substr(5) == name)) {
            return std::string(metric);
        }
    }
    throw InputError("unknown history metric '" + std::string(name) +
                     "' (metrics: iops, bw, p50, p99, p99.9, or clat.p50 … clat.p99.9)");
}

bool isWorse(const MetricHistory& history, const ChangePoint& change) {
    const double moved = change.mean_after - change.mean_before;
    return history.higher_is_better ? moved < 0 : moved > 0;
}

std::vector<MetricHistory> buildHistories(const std::vector<RunRecord>& runs,
                                          const std::string& metric,
                                          const ChangePointOptions& options) {
    std::map<std::string, MetricHistory> bySubject;
    for (const RunRecord& record : runs) {
        for (const ComparableFigure& figure : comparableFigures(record)) {
            if (figure.kind != SubjectKind::FioJob || figure.metric != metric) {
                continue;
            }
            MetricHistory& history = bySubject[figure.subject];
            if (history.points.empty()) {
                history = {
                    figure.subject, figure.metric, figure.unit, figure.higher_is_better, {}, {}};
            }
            history.points.push_back({record.run, figure.value});
        }
    }
    std::vector<MetricHistory> histories;
    for (auto& [subject, history] : bySubject) {
        std::vector<double> values;
        values.reserve(history.points.size());
        for (const HistoryPoint& point : history.points) {
            values.push_back(point.value);
        }
        history.change_points = findChangePoints(values, options);
        histories.push_back(std::move(history));
    }
    return histories;
}

} // namespace iolab
