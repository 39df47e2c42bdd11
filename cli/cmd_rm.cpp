#include "cli/command.h"

#include <fmt/core.h>

namespace iolab::cli {

void addRmCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    auto selectors = std::make_shared<std::vector<std::string>>();
    CLI::App* command = app.add_subcommand("rm", "Remove runs and everything measured in them");
    addCommonOptions(*command, *options, false);
    command->add_option("RUN", *selectors, "run id, name or @latest")->required();
    command->callback([options, selectors, status] {
        store::Store store(options->db, store::OpenMode::ReadWrite);
        std::vector<Run> runs;
        for (const auto& selector : *selectors) {
            runs.push_back(store.resolveRun(selector));
        }
        for (const Run& run : runs) {
            store.removeRun(run.id);
            printText(fmt::format("removed run {} ({})\n", run.id, run.name));
        }
        *status = kOk;
    });
}

} // namespace iolab::cli
