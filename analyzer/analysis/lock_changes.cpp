#include "analyzer/analysis/comparison_parts.h"
#include "analyzer/analysis/io_count.h"

#include <algorithm>
#include <map>

namespace iolab {
namespace {

// Per run, in run order: each group's contentions and wait time per IO.
struct GroupValues {
    std::string kind;
    std::vector<double> waits[2];
    std::vector<double> wait_ns[2];
};

double longestMeanWait(const LockGroupChange& change) {
    return std::max(change.baseline_wait_ns.moments.mean, change.candidate_wait_ns.moments.mean);
}

SideFigures figures(std::vector<double> values) {
    SideFigures side;
    side.moments = describe(values);
    side.values = std::move(values);
    return side;
}

} // namespace

std::vector<LockGroupChange> lockGroupChanges(const std::vector<const RunRecord*>& baseline,
                                              const std::vector<const RunRecord*>& candidate,
                                              const ComparisonOptions& options) {
    std::map<std::string, GroupValues> groups;
    std::size_t runs[2] = {0, 0};
    int side = 0;
    for (const auto* records : {&baseline, &candidate}) {
        for (const RunRecord* record : *records) {
            // Only runs that recorded locks and did IOs have a per-IO figure.
            const auto ios = static_cast<double>(analysis::ioCount(*record).ios);
            if (record->locks.empty() || ios == 0) {
                continue;
            }
            for (const analysis::LockGroup& group :
                 analysis::groupLocks(record->locks, options.lock_grouping)) {
                GroupValues& values = groups[group.key];
                values.kind =
                    values.kind.empty() || values.kind == group.kind ? group.kind : "mixed";
                // A group first seen in a later run was absent, not unmeasured, before it.
                values.waits[side].resize(runs[side], 0.0);
                values.wait_ns[side].resize(runs[side], 0.0);
                values.waits[side].push_back(static_cast<double>(group.contentions) / ios);
                values.wait_ns[side].push_back(static_cast<double>(group.total_wait_ns) / ios);
            }
            ++runs[side];
        }
        ++side;
    }
    std::vector<LockGroupChange> changes;
    for (auto& [key, values] : groups) {
        for (int s = 0; s < 2; ++s) {
            values.waits[s].resize(runs[s], 0.0);
            values.wait_ns[s].resize(runs[s], 0.0);
        }
        changes.push_back({key, values.kind, figures(std::move(values.waits[0])),
                           figures(std::move(values.waits[1])),
                           figures(std::move(values.wait_ns[0])),
                           figures(std::move(values.wait_ns[1]))});
    }
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return longestMeanWait(a) > longestMeanWait(b);
    });
    if (changes.size() > options.top_locks) {
        changes.resize(options.top_locks);
    }
    return changes;
}

} // namespace iolab
