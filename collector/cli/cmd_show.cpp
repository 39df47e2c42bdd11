#include "collector/cli/command.h"
#include "collector/cli/run_summary.h"
#include "collector/cli/show_profile.h"

#include <fmt/core.h>

namespace iolab::cli {
namespace {

// Which view of the run `iolab show` prints.
struct ShowOptions {
    std::string selector = "@latest";
    bool symbols = false;
    std::string callgraph; // the function whose callers and callees are shown
    bool tree = false;
    ProfileViewOptions profile;
};

void addViewOptions(CLI::App& command, ShowOptions& show) {
    CLI::Option* symbols = command.add_flag(
        "--symbols", show.symbols,
        "flat profile like opreport -l: self and inclusive samples per function, per event");
    CLI::Option* callgraph =
        command
            .add_option("--callgraph", show.callgraph,
                        "callers above and callees below SYMBOL, with [self], like opreport -c")
            ->type_name("SYMBOL");
    CLI::Option* tree =
        command.add_flag("--tree", show.tree, "call tree with totals, self samples and %");
    symbols->excludes(callgraph)->excludes(tree);
    callgraph->excludes(tree);
    command
        .add_option("--event", show.profile.event,
                    "only this event (default: every event of the run)")
        ->type_name("EVENT");
    command
        .add_option("--limit", show.profile.limit,
                    "--symbols: at most N functions per event (0: all)")
        ->type_name("N")
        ->capture_default_str();
    command.add_option("--depth", show.profile.depth, "--tree: deepest level shown (0: all)")
        ->type_name("N")
        ->capture_default_str();
    command.add_flag("--bottom-up", show.profile.bottom_up,
                     "--tree: start at the functions where samples landed, callers below");
}

void printView(const ShowOptions& show, bool json, const RunRecord& record) {
    const StackProfile& profile = record.profile;
    if (show.symbols) {
        printText(json ? symbolsJson(profile, show.profile).dump(2) + "\n"
                       : renderSymbols(profile, show.profile));
    } else if (!show.callgraph.empty()) {
        printText(json ? callGraphJson(profile, show.callgraph, show.profile).dump(2) + "\n"
                       : renderCallGraph(profile, show.callgraph, show.profile));
    } else if (show.tree) {
        printText(json ? treeJson(profile, show.profile).dump(2) + "\n"
                       : renderTree(profile, show.profile));
    } else if (json) {
        printText(summaryJson(record).dump(2) + "\n");
    } else {
        printText(renderSummary(record));
    }
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
        printView(*show, options->json, store.loadRun(run.id));
        *status = kOk;
    });
}

} // namespace iolab::cli
