#include "cli/command.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace iolab::cli {
namespace {

void printReport(const std::filesystem::path& path, const store::IntegrityReport& report) {
    fmt::print("database:       {}\n", path.string());
    fmt::print("schema version: {} (this iolab: {})\n", report.schema_version,
               report.expected_version);
    fmt::print("runs:           {}\n", report.runs);
    if (report.incomplete_runs > 0) {
        fmt::print("incomplete:     {} run(s) left 'recording' by a recorder that did not finish\n",
                   report.incomplete_runs);
    }
    fmt::print("integrity:      {}\n", report.problems.empty() ? "ok" : "PROBLEMS");
    for (const auto& problem : report.problems) {
        fmt::print("  {}\n", problem);
    }
}

void addCheckCommand(CLI::App& db, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    CLI::App* command = db.add_subcommand(
        "check", "Check the file's integrity and schema version (upgrading an older schema)");
    addCommonOptions(*command, *options, true);
    command->callback([options, status] {
        store::Store store(options->db, store::OpenMode::ReadWrite);
        const auto report = store.check();
        if (options->json) {
            nlohmann::ordered_json json = {{"database", options->db.string()},
                                           {"schema_version", report.schema_version},
                                           {"expected_version", report.expected_version},
                                           {"runs", report.runs},
                                           {"incomplete_runs", report.incomplete_runs},
                                           {"ok", report.problems.empty()},
                                           {"problems", report.problems}};
            fmt::print("{}\n", json.dump(2));
        } else {
            printReport(options->db, report);
        }
        *status = report.problems.empty() ? kOk : kInputError;
    });
}

} // namespace

void addDbCommand(CLI::App& app, const ExitStatus& status) {
    CLI::App* db = app.add_subcommand("db", "Look after the database file");
    db->require_subcommand(1);
    addCheckCommand(*db, status);
}

} // namespace iolab::cli
