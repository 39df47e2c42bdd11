#include "cli/history_options.h"

#include "analyzer/errors.h"

#include <fmt/core.h>
#include <fmt/format.h>

namespace iolab::cli {

void addHistoryFilterOptions(CLI::App& command, store::RunFilter& filter) {
    command.add_option("--job", filter.job, "this fio job only (default: every job)");
    command.add_option("--branch", filter.branch, "runs of this branch only");
    command.add_option("--tag", filter.tag, "runs with this tag only");
    command.add_option("--host", filter.host, "runs recorded on this host only");
}

std::vector<MetricHistory> readHistories(store::Store& store,
                                         const queries::HistoryOptions& options) {
    auto histories = queries::readHistory(store, options);
    if (histories.empty()) {
        const store::RunFilter& f = options.filter;
        throw InputError(fmt::format(
            "{}: no complete or imported run has fio {} figures{}{}{}{}", store.path().string(),
            fmt::join(options.metrics, ", "), f.job.empty() ? "" : " for job " + f.job,
            f.branch.empty() ? "" : " on branch " + f.branch,
            f.tag.empty() ? "" : " tagged " + f.tag, f.host.empty() ? "" : " from host " + f.host));
    }
    return histories;
}

} // namespace iolab::cli
