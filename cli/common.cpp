#include "cli/command.h"
#include "reports/terminal/escape.h"

#include <fmt/core.h>

namespace iolab::cli {

void addCommonOptions(CLI::App& command, CommonOptions& options, bool withJson) {
    command
        .add_option("-o,--db", options.db,
                    "iolab database: a file, or a PostgreSQL URI "
                    "(postgresql://user@host:port/dbname)")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    if (withJson) {
        command.add_flag("--json", options.json, "print the data as JSON");
    }
}

analysis::ProcessScope ProcessOptions::scope() const {
    using Kind = analysis::ProcessScope::Kind;
    if (all) {
        return {Kind::All, ""};
    }
    return process.empty() ? analysis::ProcessScope{}
                           : analysis::ProcessScope{Kind::Process, process};
}

void addProcessOptions(CLI::App& command, ProcessOptions& options) {
    CLI::Option* process =
        command
            .add_option("--process", options.process,
                        "CPU samples of this process only: a name (every pid) or a pid "
                        "(default: the workload's processes)")
            ->type_name("NAME|PID");
    command.add_flag("--all-processes", options.all, "CPU samples of every process")
        ->excludes(process);
}

void addLockGroupingOption(CLI::App& command, std::string& grouping) {
    command
        .add_option("--locks-by", grouping,
                    "group contended locks by the caller (first function outside the locking "
                    "primitives), the lock, or the lock class")
        ->check(CLI::IsMember({"caller", "lock", "class"}))
        ->capture_default_str();
}

store::Store openForReading(const std::filesystem::path& path) {
    return store::Store(path, store::OpenMode::ReadOnly);
}

void printText(std::string_view text) {
    fmt::print("{}", terminal::escapeControls(text));
}

void printError(std::string_view message) {
    fmt::print(stderr, "iolab: {}\n", terminal::escapeControls(message, false));
}

} // namespace iolab::cli
