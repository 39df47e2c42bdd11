#include "cli/compare_options.h"

#include "analyzer/queries/compare_runs.h"
#include "cli/command.h"

#include <fmt/core.h>

namespace iolab::cli {

void addCompareOptions(CLI::App& command, CompareCliOptions& options) {
    command
        .add_option("--threshold", options.threshold,
                    "change that counts, in percent, for every metric without its own")
        ->capture_default_str();
    command.add_option("--metric", options.metrics,
                       "per-metric thresholds: iops=3%,p99=10%,block=off (keys: a metric id, a "
                       "percentile such as p99, or a prefix such as clat or block)");
    addLockGroupingOption(command, options.locks_by);
}

ComparisonOptions comparisonOptions(const CompareCliOptions& options) {
    ComparisonOptions comparison;
    comparison.threshold_percent = parsePercent(options.threshold);
    parseMetricThresholds(options.metrics, comparison);
    comparison.lock_grouping = analysis::lockGroupingFromString(options.locks_by);
    return comparison;
}

Comparison compareSelectors(store::Store& store, const std::string& baseline,
                            const std::string& candidate, const ComparisonOptions& options) {
    const auto runs = store.listRuns();
    const Selection base = selectRuns(runs, baseline);
    const Selection cand = selectRuns(runs, candidate);
    // Loading is the slow part with many long recordings: say what is being read.
    if (base.runs.size() + cand.runs.size() > 4) {
        fmt::print(stderr, "iolab: comparing {} with {}\n", base.label, cand.label);
    }
    return queries::compareSelections(store, base, cand, options);
}

} // namespace iolab::cli
