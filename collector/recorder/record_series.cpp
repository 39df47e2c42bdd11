#include "analyzer/errors.h"
#include "collector/recorder/recorder.h"

#include <ctime>
#include <fmt/core.h>

namespace iolab::recorder {
namespace {

void validate(const RecordOptions& options) {
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
    if (options.repeat < 1) {
        throw InputError("--repeat must be at least 1");
    }
}

// "fio-20261121-072512": the workload's program and the UTC time the series began.
std::string defaultSeries(const RecordOptions& options) {
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

RecordResult recordSeries(RecordOptions options) {
    validate(options);
    if (options.repeat > 1 && options.series.empty()) {
        options.series = defaultSeries(options);
    }
    RecordResult result;
    for (int i = 1; i <= options.repeat; ++i) {
        if (options.repeat > 1) {
            fmt::print(stderr, "iolab: repetition {}/{} of series {}\n", i, options.repeat,
                       options.series);
        }
        result = record(options);
        if (result.status != RunStatus::Complete || result.exit_code != 0) {
            break;
        }
    }
    return result;
}

} // namespace iolab::recorder
