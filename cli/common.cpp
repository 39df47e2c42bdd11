#include "cli/command.h"
#include "reports/terminal/escape.h"

#include <fmt/core.h>

namespace iolab::cli {

void addCommonOptions(CLI::App& command, CommonOptions& options, bool withJson) {
    command.add_option("-o,--db", options.db, "iolab database file")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    if (withJson) {
        command.add_flag("--json", options.json, "print the data as JSON");
    }
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
