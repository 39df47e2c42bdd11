#include "collector/cli/command.h"
#include "collector/cli/run_summary.h"

#include <fmt/core.h>

namespace iolab::cli {

void addShowCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    auto selector = std::make_shared<std::string>("@latest");
    CLI::App* command = app.add_subcommand("show", "Show what one run measured");
    addCommonOptions(*command, *options, true);
    command->add_option("RUN", *selector, "run id, name or @latest")->capture_default_str();
    command->callback([options, selector, status] {
        auto store = openForReading(options->db);
        const Run run = store.resolveRun(*selector);
        const RunRecord record = store.loadRun(run.id);
        if (options->json) {
            fmt::print("{}\n", summaryJson(record).dump(2));
        } else {
            fmt::print("{}", renderSummary(record));
        }
        *status = kOk;
    });
}

} // namespace iolab::cli
