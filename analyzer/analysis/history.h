#pragma once

#include "analyzer/analysis/change_points.h"
#include "analyzer/model/run_record.h"

#include <string>
#include <string_view>
#include <vector>

namespace iolab {

// One run's value of a history's metric.
struct HistoryPoint {
    Run run; // id, name, start time, provenance
    double value = 0;

    bool operator==(const HistoryPoint&) const = default;
};

// One fio job's metric over the runs of a history, oldest first, with its change points.
struct MetricHistory {
    std::string subject; // JOB/DIRECTION
    std::string metric;  // iops, bw, clat.p50, clat.p99, clat.p99.9
    std::string unit;
    bool higher_is_better = false;
    std::vector<HistoryPoint> points;
    std::vector<ChangePoint> change_points; // indexes into points

    bool operator==(const MetricHistory&) const = default;
};

// Every metric a history can follow, in the order `report --history` checks them.
inline constexpr std::string_view kHistoryMetrics[] = {"iops", "bw", "clat.p50", "clat.p99",
                                                       "clat.p99.9"};

// The metric id of a history: a comparison's fio metric (iops, bw, clat.p50, clat.p99,
// clat.p99.9), or a percentile alone (p99 is clat.p99). Throws InputError naming the known ones.
std::string historyMetric(std::string_view name);

// Whether a change point moved the metric the worse way.
bool isWorse(const MetricHistory& history, const ChangePoint& change);

// The histories of `metric` (a historyMetric id), one per fio job and direction, ordered by
// subject; `runs` oldest first. A figure comes from comparableFigures, as in comparisons.
std::vector<MetricHistory> buildHistories(const std::vector<RunRecord>& runs,
                                          const std::string& metric,
                                          const ChangePointOptions& options = {});

} // namespace iolab
