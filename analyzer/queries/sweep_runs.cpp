#include "analyzer/queries/sweep_runs.h"

#include "analyzer/errors.h"

namespace iolab::queries {

SweepAnalysis analyzeStoredSweep(store::Store& store, std::string_view name) {
    std::vector<RunRecord> records;
    for (const Run& run : store.listRuns()) {
        if (sweepOf(run) == name && comparable(run)) {
            records.push_back(store.loadRun(run.id));
        }
    }
    if (records.empty()) {
        throw InputError("no sweep " + std::string(name) + " in " + store.path().string() +
                         " (iolab list shows the runs and their sweep:NAME tags)");
    }
    return analyzeSweep(std::string(name), records);
}

} // namespace iolab::queries
