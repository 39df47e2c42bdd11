#include "cli/command.h"

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
    if (!std::filesystem::exists(path)) {
        return store::Store(path, store::OpenMode::ReadWrite);
    }
    return store::Store(path, store::OpenMode::ReadOnly);
}

} // namespace iolab::cli
