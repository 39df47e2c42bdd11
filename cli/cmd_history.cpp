#include "cli/command.h"
#include "cli/history_options.h"
#include "reports/terminal/history_view.h"

namespace iolab::cli {

void addHistoryCommand(CLI::App& app, const ExitStatus& status) {
    auto common = std::make_shared<CommonOptions>();
    auto options = std::make_shared<queries::HistoryOptions>();
    auto view = std::make_shared<terminal::HistoryViewOptions>();
    CLI::App* command = app.add_subcommand(
        "history", "Show a metric of each fio job over the runs (oldest first), with its change "
                   "points: the commit, size and p-value of each shift (E-divisive means)");
    addCommonOptions(*command, *common, true);
    addHistoryFilterOptions(*command, options->filter);
    command
        ->add_option("--metric", options->metrics,
                     "iops, bw, p50, p99 or p99.9 (fio's completion latency); repeatable")
        ->capture_default_str()
        ->allow_extra_args(false);
    command->add_option("--last", view->last_runs, "newest runs listed in the table")
        ->capture_default_str();
    command->callback([common, options, view, status] {
        auto store = openForReading(common->db);
        const auto histories = readHistories(store, *options);
        printText(common->json ? terminal::renderHistoryJson(histories)
                               : terminal::renderHistory(histories, *view));
        *status = kOk;
    });
}

} // namespace iolab::cli
