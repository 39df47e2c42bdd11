#include "analyzer/errors.h"
#include "cli/command.h"
#include "cli/run_labels_option.h"
#include "collector/probes/block_latency.h"
#include "collector/recorder/recorder.h"
#include "reports/terminal/run_summary.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/core.h>

namespace iolab::cli {
namespace {

recorder::DutySchedule dutySchedule(double percent, int windowMs) {
    if (!(percent > 0 && percent <= 100)) {
        throw InputError("--duty must be a percentage above 0 and at most 100");
    }
    if (windowMs < 1) {
        throw InputError("--window must be at least 1 ms");
    }
    const auto window = std::chrono::milliseconds(windowMs);
    const auto period = std::chrono::milliseconds(std::llround(windowMs * 100 / percent));
    return {window, std::max(period, window)};
}

} // namespace

void addRecordCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<recorder::RecordOptions>();
    auto common = std::make_shared<CommonOptions>();
    auto pid = std::make_shared<int>(0);
    auto duration = std::make_shared<double>(0);
    auto dutyPercent = std::make_shared<double>(5);
    auto windowMs = std::make_shared<int>(25);
    auto meta = std::make_shared<std::vector<std::string>>();
    CLI::App* command = app.add_subcommand(
        "record", "Run a workload (or watch a process or the system) under iolab's probes and "
                  "store one run");
    addCommonOptions(*command, *common, false);
    // One value per occurrence: a vector option would otherwise swallow the `--` before CMD.
    command
        ->add_option("--probe", options->probes,
                     "probe to run (repeatable); default: the default set")
        ->allow_extra_args(false);
    command->add_option("--name", options->name, "run name (default: the program's name)");
    command->add_option("--tag", options->tags, "tag the run (repeatable)")
        ->allow_extra_args(false);
    addMetaOption(*command, *meta);
    command
        ->add_option("--repeat", options->repeat,
                     "record the workload N times as one series (repetitions for iolab diff)")
        ->capture_default_str();
    command->add_option("--series", options->series,
                        "series the runs join (default with --repeat: PROGRAM-YYYYMMDD-HHMMSS)");
    command
        ->add_option("--duty", *dutyPercent,
                     "percent of the time the per-event probes (block, clock, lock, alloc) run, "
                     "in sampling windows; 100: every event, at their full cost")
        ->capture_default_str();
    command->add_option("--window", *windowMs, "length of one sampling window, in milliseconds")
        ->capture_default_str();
    command->add_flag("--strict", options->strict, "fail when any probe cannot attach");
    command->add_flag("--clocksources", options->probe_settings.all_clocksources,
                      "clock probe: also measure every clock source (switched, restored)");
    command
        ->add_option("--slowest", options->probe_settings.slowest_ios,
                     "block probe: keep the N slowest requests with their phases, submitter and "
                     "stacks (0: none, no stacks taken)")
        ->type_name("N")
        ->check(CLI::Range(0U, probes::kMaxSlowestIos))
        ->capture_default_str();
    command->add_flag("-v,--verbose", options->verbose, "show libbpf's messages");
    command->add_option("-p,--pid", *pid, "watch this running process instead of a command");
    command->add_flag("-a,--all", options->system_wide, "watch the whole system");
    command->add_option("--duration", *duration, "with -p or -a: seconds to record (else Ctrl-C)");
    command->add_option("CMD", options->command, "the workload, after --");
    command->footer("Example (as root): iolab record --name baseline -- fio examples/randread.fio");
    command->callback([=] {
        options->db = common->db;
        if (*pid != 0) {
            options->pid = *pid;
        }
        if (*duration != 0) {
            options->duration_s = *duration;
        }
        options->duty = dutySchedule(*dutyPercent, *windowMs);
        options->labels = runLabels(*meta);
        const recorder::RecordResult result = recorder::recordSeries(*options);
        auto store = openForReading(options->db);
        printText(terminal::renderSummary(store.loadRun(result.run_id)));
        *status = result.exit_code;
    });
}

} // namespace iolab::cli
