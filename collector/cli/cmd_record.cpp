#include "analyzer/errors.h"
#include "collector/cli/command.h"
#include "collector/cli/run_summary.h"
#include "collector/recorder/recorder.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fmt/core.h>

namespace iolab::cli {
namespace {

void validate(const recorder::RecordOptions& options) {
    const int targets =
        (options.command.empty() ? 0 : 1) + (options.pid ? 1 : 0) + (options.system_wide ? 1 : 0);
    if (targets != 1) {
        throw InputError("record needs exactly one of: -- CMD..., -p PID, -a");
    }
    if (options.duration_s && *options.duration_s <= 0) {
        throw InputError("--duration must be positive");
    }
    if (options.duration_s && !options.command.empty()) {
        throw InputError("--duration goes with -p or -a; a command ends by itself");
    }
}

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

// "fio-20261121-072512": the workload's program and the UTC time the series began.
std::string defaultSeries(const recorder::RecordOptions& options) {
    std::string program = options.name;
    if (program.empty()) {
        program = options.command.empty() ? "system" : options.command.front();
        program = program.substr(program.rfind('/') + 1);
    }
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &utc);
    return program + "-" + stamp;
}

} // namespace

void addRecordCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<recorder::RecordOptions>();
    auto common = std::make_shared<CommonOptions>();
    auto pid = std::make_shared<int>(0);
    auto duration = std::make_shared<double>(0);
    auto repeat = std::make_shared<int>(1);
    auto dutyPercent = std::make_shared<double>(5);
    auto windowMs = std::make_shared<int>(25);
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
    command
        ->add_option("--repeat", *repeat,
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
    command->add_flag_callback(
        "--clocksources", [] { setenv("IOLAB_CLOCKSOURCES", "1", 1); },
        "clock probe: also measure every clock source (switched, restored)");
    command->add_flag("-v,--verbose", options->verbose, "show libbpf's messages");
    command->add_option("-p,--pid", *pid, "watch this running process instead of a command");
    command->add_flag("-a,--all", options->system_wide, "watch the whole system");
    command->add_option("--duration", *duration, "with -p or -a: seconds to record (else Ctrl-C)");
    command->add_option("CMD", options->command, "the workload, after --");
    command->footer("Example: sudo iolab record --name baseline -- fio examples/randread.fio");
    command->callback([=] {
        options->db = common->db;
        if (*pid != 0) {
            options->pid = *pid;
        }
        if (*duration != 0) {
            options->duration_s = *duration;
        }
        options->duty = dutySchedule(*dutyPercent, *windowMs);
        validate(*options);
        if (*repeat < 1) {
            throw InputError("--repeat must be at least 1");
        }
        if (*repeat > 1 && options->series.empty()) {
            options->series = defaultSeries(*options);
        }
        recorder::RecordResult result;
        for (int i = 1; i <= *repeat; ++i) {
            if (*repeat > 1) {
                fmt::print(stderr, "iolab: repetition {}/{} of series {}\n", i, *repeat,
                           options->series);
            }
            result = recorder::record(*options);
            // An interrupted or failing workload ends the series: its runs stay as they are.
            if (result.status != RunStatus::Complete || result.exit_code != 0) {
                break;
            }
        }
        auto store = openForReading(options->db);
        printText(renderSummary(store.loadRun(result.run_id)));
        *status = result.exit_code;
    });
}

} // namespace iolab::cli
