#include "analyzer/queries/compare_runs.h"

namespace iolab::queries {
namespace {

std::vector<RunRecord> loadRuns(store::Store& store, const Selection& selection) {
    std::vector<RunRecord> records;
    records.reserve(selection.runs.size());
    for (const Run& run : selection.runs) {
        records.push_back(store.loadRun(run.id));
    }
    return records;
}

} // namespace

Selection selectRuns(store::Store& store, std::string_view selector) {
    return iolab::selectRuns(store.listRuns(), selector);
}

Comparison compareSelections(store::Store& store, const Selection& baseline,
                             const Selection& candidate, const ComparisonOptions& options) {
    return compare(loadRuns(store, baseline), loadRuns(store, candidate), options, baseline.label,
                   candidate.label);
}

} // namespace iolab::queries
