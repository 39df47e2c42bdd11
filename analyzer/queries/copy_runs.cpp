#include "analyzer/queries/copy_runs.h"

#include "analyzer/errors.h"

namespace iolab::queries {

std::vector<CopiedRun> copyRuns(store::Store& from, store::Store& to,
                                std::span<const std::string> selectors) {
    std::vector<Run> runs;
    for (const std::string& selector : selectors) {
        Run run = from.resolveRun(selector);
        if (run.status == RunStatus::Recording || run.status == RunStatus::Abandoned) {
            throw InputError(from.path().string() + ": run " + std::to_string(run.id) + " (" +
                             run.name + ") is " + std::string(toString(run.status)) +
                             ", not a finished run; nothing copied");
        }
        runs.push_back(std::move(run));
    }
    std::vector<CopiedRun> copies;
    for (const Run& run : runs) {
        CopiedRun& copy = copies.emplace_back(CopiedRun{run.id, run.name, run.uuid, 0, false});
        if (const auto held = to.findRunByUuid(run.uuid)) {
            copy.target_id = *held;
            continue;
        }
        try {
            copy.target_id = to.writeRun(from.loadRun(run.id));
            copy.copied = true;
        } catch (const store::DuplicateError&) {
            // Another writer copied the same run between our look and our write.
            copy.target_id = to.findRunByUuid(run.uuid).value_or(0);
            if (copy.target_id == 0) {
                throw;
            }
        }
    }
    return copies;
}

} // namespace iolab::queries
