#pragma once

#include "analyzer/analysis/process_scope.h"
#include "analyzer/store/store.h"

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <string>

namespace iolab::cli {

// Exit codes shared by every command (STYLE.md §4).
enum ExitCode : int { kOk = 0, kRegression = 1, kInputError = 2, kSystemError = 3 };

// What every subcommand reads from the command line, beside its own options.
struct CommonOptions {
    std::filesystem::path db = "iolab.db";
    bool json = false;
};

// Adds --db/-o to a subcommand; with `withJson`, --json too.
void addCommonOptions(CLI::App& command, CommonOptions& options, bool withJson);

// Whose CPU samples `show` and `export` count: --process NAME|PID or --all-processes; the
// workload's processes when neither is given.
struct ProcessOptions {
    std::string process;
    bool all = false;

    analysis::ProcessScope scope() const;
};
void addProcessOptions(CLI::App& command, ProcessOptions& options);
// --locks-by caller|lock|class into `grouping` (see analysis::lockGroupingFromString).
void addLockGroupingOption(CLI::App& command, std::string& grouping);

// Opens the database read-only (a recorder may be writing it); a missing file is an input error,
// never created.
store::Store openForReading(const std::filesystem::path& path);

// Prints text bound for the terminal with every control character from input escaped
// (terminal::escapeControls).
void printText(std::string_view text);
// Prints "iolab: MESSAGE" on stderr as one line, its control characters escaped.
void printError(std::string_view message);

// A command's result: its exit code, set by the command's callback.
using ExitStatus = std::shared_ptr<int>;

void addListCommand(CLI::App& app, const ExitStatus& status);
void addShowCommand(CLI::App& app, const ExitStatus& status);
void addRmCommand(CLI::App& app, const ExitStatus& status);
void addDbCommand(CLI::App& app, const ExitStatus& status);
void addDiffCommand(CLI::App& app, const ExitStatus& status);
void addReportCommand(CLI::App& app, const ExitStatus& status);
void addRecordCommand(CLI::App& app, const ExitStatus& status);
void addImportCommand(CLI::App& app, const ExitStatus& status);
void addExportCommand(CLI::App& app, const ExitStatus& status);
void addGuiCommand(CLI::App& app, const ExitStatus& status);
void addSweepCommand(CLI::App& app, const ExitStatus& status);
// `iolab sweep show`, under the sweep command `sweep`.
CLI::App* addSweepShowCommand(CLI::App& sweep, const ExitStatus& status);
void addHistoryCommand(CLI::App& app, const ExitStatus& status);
void addPushCommand(CLI::App& app, const ExitStatus& status);
void addPullCommand(CLI::App& app, const ExitStatus& status);

} // namespace iolab::cli
