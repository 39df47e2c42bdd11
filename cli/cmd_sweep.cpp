#include "analyzer/errors.h"
#include "analyzer/queries/sweep_runs.h"
#include "cli/command.h"
#include "collector/sweep/sweep.h"
#include "reports/terminal/sweep_view.h"

#include <fmt/core.h>

namespace iolab::cli {
namespace {

int restore(const std::filesystem::path& stateFile) {
    const sweep::RestoreReport report = sweep::restoreKilledSweep(stateFile);
    if (!report.found) {
        printText("nothing to restore: no sweep left settings changed\n");
    }
    for (const std::string& restored : report.restored) {
        printText("restored " + restored + "\n");
    }
    for (const std::string& problem : report.problems) {
        printError(problem);
    }
    return report.problems.empty() ? kOk : kSystemError;
}

} // namespace

void addSweepCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<sweep::SweepOptions>();
    auto common = std::make_shared<CommonOptions>();
    auto settings = std::make_shared<std::vector<std::string>>();
    auto restoreOnly = std::make_shared<bool>(false);
    CLI::App* command = app.add_subcommand(
        "sweep", "Record a workload under every combination of knob settings (device queue "
                 "settings, the clock source, fio job options), restoring them afterwards");
    addCommonOptions(*command, *common, false);
    command->require_subcommand(0, 1);
    CLI::App* show = addSweepShowCommand(*command, status);
    command
        ->add_option("--set", *settings,
                     "KNOB=V1,V2,...: dev.DEVICE.KEY (scheduler, nr_requests, nomerges, "
                     "rq_affinity, wbt_lat_usec, read_ahead_kb, or a tunable of the scheduler), "
                     "clocksource, fio.KEY (a job option); repeatable, the first values make the "
                     "baseline cell")
        ->allow_extra_args(false);
    command->add_option("--repeat", options->repeat, "runs per cell")->capture_default_str();
    command->add_flag("--interleave,!--no-interleave", options->interleave,
                      "run the cells round-robin, so drift spreads over all of them (default)");
    command->add_flag("--pairwise", options->pairwise,
                      "only enough cells to hold every pair of values of two knobs");
    command->add_option("--name", options->name, "the sweep's name (default: sweep-DATE-TIME)");
    command->add_option("--probe", options->record.probes, "probe to run (repeatable)")
        ->allow_extra_args(false);
    command->add_option("--tag", options->record.tags, "also tag every run (repeatable)")
        ->allow_extra_args(false);
    command
        ->add_option("--state", options->state_file,
                     "where the original settings are kept while the sweep runs")
        ->capture_default_str();
    command->add_flag("--restore", *restoreOnly,
                      "put back the settings a killed sweep left changed, then exit");
    command->add_option("CMD", options->record.command, "the workload, after --");
    command->footer("Example (as root): iolab sweep --set dev.nvme0n1.scheduler=none,mq-deadline "
                    "--set fio.iodepth=1,32 --repeat 3 -- fio examples/randread.fio");
    command->callback([=] {
        if (show->parsed()) {
            return;
        }
        if (*restoreOnly) {
            *status = restore(options->state_file);
            return;
        }
        options->record.db = common->db;
        for (const std::string& text : *settings) {
            options->knobs.push_back(sweep::parseKnob(text));
        }
        const sweep::SweepResult result = sweep::runSweep(*options);
        // A sweep that ended early may have no complete run: `sweep show` tells what it has.
        if (result.exit_code == 0) {
            auto store = openForReading(options->record.db);
            printText(terminal::renderSweep(queries::analyzeStoredSweep(store, result.name)));
        }
        *status = result.exit_code;
    });
}

} // namespace iolab::cli
