#include "analyzer/errors.h"
#include "cli/command.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace iolab::cli {
namespace {

void printReport(const std::filesystem::path& path, const store::IntegrityReport& report) {
    std::string text = fmt::format("database:       {}\n", store::displayLocation(path.native()));
    text += fmt::format("schema version: {} (this iolab: {})\n", report.schema_version,
                        report.expected_version);
    text += fmt::format("runs:           {}\n", report.runs);
    if (report.recording_runs > 0) {
        text +=
            fmt::format("recording:      {} run(s) being recorded now\n", report.recording_runs);
    }
    if (report.abandoned_runs > 0) {
        text += fmt::format("abandoned:      {} run(s) left 'recording' by a recorder that died "
                            "(iolab db check --repair removes them)\n",
                            report.abandoned_runs);
    }
    text += fmt::format("integrity:      {}\n", report.problems.empty() ? "ok" : "PROBLEMS");
    for (const auto& problem : report.problems) {
        text += fmt::format("  {}\n", problem);
    }
    printText(text);
}

void addCheckCommand(CLI::App& db, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    auto repair = std::make_shared<bool>(false);
    CLI::App* command = db.add_subcommand(
        "check", "Check the file's integrity and schema version (upgrading an older schema)");
    addCommonOptions(*command, *options, true);
    command->add_flag("--repair", *repair,
                      "remove the runs whose recorder died (status abandoned) first");
    command->callback([options, repair, status] {
        if (!store::isServerLocation(options->db.native()) &&
            !std::filesystem::exists(options->db)) {
            throw InputError(options->db.string() + ": no such database");
        }
        store::Store store(options->db, store::OpenMode::ReadWrite);
        if (*repair) {
            const std::int64_t removed = store.removeAbandonedRuns();
            printText(fmt::format("removed {} abandoned run(s)\n", removed));
        }
        const auto report = store.check();
        if (options->json) {
            nlohmann::ordered_json json = {
                {"database", store::displayLocation(options->db.native())},
                {"schema_version", report.schema_version},
                {"expected_version", report.expected_version},
                {"runs", report.runs},
                {"recording_runs", report.recording_runs},
                {"abandoned_runs", report.abandoned_runs},
                {"ok", report.problems.empty()},
                {"problems", report.problems}};
            printText(json.dump(2) + "\n");
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
