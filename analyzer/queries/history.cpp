#include "analyzer/queries/history.h"

namespace iolab::queries {

std::vector<MetricHistory> readHistory(store::Store& store, const HistoryOptions& options) {
    std::vector<std::string> metrics;
    bool percentiles = false;
    for (const std::string& name : options.metrics) {
        metrics.push_back(historyMetric(name)); // refuse a bad name before reading
        percentiles = percentiles || metrics.back().starts_with("clat.");
    }
    const std::vector<RunRecord> runs = store.loadFioHistory(options.filter, percentiles);
    std::vector<MetricHistory> histories;
    for (const std::string& metric : metrics) {
        auto built = buildHistories(runs, metric, options.change_points);
        histories.insert(histories.end(), std::make_move_iterator(built.begin()),
                         std::make_move_iterator(built.end()));
    }
    return histories;
}

} // namespace iolab::queries
