#include "cli/command.h"
#include "reports/terminal/show_view.h"

#include <fmt/core.h>

namespace iolab::cli {
namespace {

struct ShowOptions {
    std::string selector = "@latest";
    terminal::ShowViewOptions view;
    ProcessOptions processes;
    std::string locks_by = "caller";
};

void addViewOptions(CLI::App& command, ShowOptions& show) {
    CLI::Option* symbols = command.add_flag(
        "--symbols", show.view.symbols,
        "flat profile like opreport -l: self and inclusive samples per function, per event");
    CLI::Option* callgraph =
        command
            .add_option("--callgraph", show.view.callgraph,
                        "callers above and callees below SYMBOL, with [self], like opreport -c")
            ->type_name("SYMBOL");
    CLI::Option* tree =
        command.add_flag("--tree", show.view.tree, "call tree with totals, self samples and %");
    CLI::Option* slowest =
        command.add_flag("--slowest", show.view.slowest,
                         "the slowest IOs with their phases, size, sector, submitter and stacks");
    symbols->excludes(callgraph)->excludes(tree)->excludes(slowest);
    callgraph->excludes(tree)->excludes(slowest);
    tree->excludes(slowest);
    command
        .add_option("--event", show.view.profile.event,
                    "only this event (default: every event of the run)")
        ->type_name("EVENT");
    command
        .add_option("--limit", show.view.profile.limit,
                    "--symbols: at most N functions per event (0: all)")
        ->type_name("N")
        ->capture_default_str();
    command.add_option("--depth", show.view.profile.depth, "--tree: deepest level shown (0: all)")
        ->type_name("N")
        ->capture_default_str();
    command.add_flag("--bottom-up", show.view.profile.bottom_up,
                     "--tree: start at the functions where samples landed, callers below");
    addProcessOptions(command, show.processes);
    addLockGroupingOption(command, show.locks_by);
}

} // namespace

void addShowCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    auto show = std::make_shared<ShowOptions>();
    CLI::App* command = app.add_subcommand("show", "Show what one run measured");
    addCommonOptions(*command, *options, true);
    command->add_option("RUN", show->selector, "run id, name or @latest")->capture_default_str();
    addViewOptions(*command, *show);
    command->callback([options, show, status] {
        auto store = openForReading(options->db);
        const Run run = store.resolveRun(show->selector);
        show->view.json = options->json;
        show->view.costs = {show->processes.scope(),
                            analysis::lockGroupingFromString(show->locks_by)};
        terminal::writeShow(store.loadRun(run.id), show->view, printText);
        *status = kOk;
    });
}

} // namespace iolab::cli
