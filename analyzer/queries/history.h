#pragma once

#include "analyzer/analysis/history.h"
#include "analyzer/store/store.h"

#include <string>
#include <vector>

// The histories every view asks for (`iolab history`, `iolab report --history`), from the store.
namespace iolab::queries {

struct HistoryOptions {
    store::RunFilter filter;
    // historyMetric names (iops, bw, p50, p99, p99.9, clat.*), each a history per fio job.
    std::vector<std::string> metrics{"iops"};
    ChangePointOptions change_points;
};

// The histories by metric (in the order given), then by fio job and direction. Throws
// InputError for an unknown metric.
std::vector<MetricHistory> readHistory(store::Store& store, const HistoryOptions& options);

} // namespace iolab::queries
