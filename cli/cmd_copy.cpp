#include "analyzer/queries/copy_runs.h"
#include "cli/command.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace iolab::cli {
namespace {

struct CopyOptions {
    std::filesystem::path db = "iolab.db"; // this side: the source of a push, the target of a pull
    std::string other;                     // --to of a push, --from of a pull
    std::vector<std::string> selectors;
    bool json = false;
};

void report(const std::vector<queries::CopiedRun>& copies, const std::string& target, bool json) {
    std::int64_t copied = 0;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    std::string text;
    for (const auto& copy : copies) {
        copied += copy.copied ? 1 : 0;
        if (json) {
            rows.push_back({{"run", copy.source_id},
                            {"name", copy.name},
                            {"uuid", copy.uuid},
                            {"target_run", copy.target_id},
                            {"copied", copy.copied}});
        } else {
            text += copy.copied ? fmt::format("run {} ({}) -> run {}\n", copy.source_id, copy.name,
                                              copy.target_id)
                                : fmt::format("run {} ({}): already there as run {}\n",
                                              copy.source_id, copy.name, copy.target_id);
        }
    }
    if (json) {
        printText(rows.dump(2) + "\n");
        return;
    }
    text += fmt::format("{}: {} run(s) copied, {} already there\n", target, copied,
                        static_cast<std::int64_t>(copies.size()) - copied);
    printText(text);
}

// push: from --db to --to; pull: from --from to --db.
void addCopyCommand(CLI::App& app, const ExitStatus& status, bool push) {
    auto options = std::make_shared<CopyOptions>();
    CLI::App* command = app.add_subcommand(
        push ? "push" : "pull",
        push ? "Copy runs, with everything measured in them, to another database (a team's "
               "server); a run pushed before is not copied again"
             : "Copy runs, with everything measured in them, from another database (a team's "
               "server); a run pulled before is not copied again");
    command
        ->add_option("-o,--db", options->db, "this iolab database: a file or a postgresql:// URI")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    command
        ->add_option(push ? "--to" : "--from", options->other,
                     "the other database: a postgresql:// URI or a file")
        ->required();
    command->add_option("RUN", options->selectors, "run id, name or @latest")->required();
    command->add_flag("--json", options->json, "print the data as JSON");
    command->callback([options, status, push] {
        const std::filesystem::path other = options->other;
        store::Store source(push ? options->db : other, store::OpenMode::ReadOnly);
        store::Store target(push ? other : options->db, store::OpenMode::ReadWrite);
        const auto copies = queries::copyRuns(source, target, options->selectors);
        report(copies, target.path().string(), options->json);
        *status = kOk;
    });
}

} // namespace

void addPushCommand(CLI::App& app, const ExitStatus& status) {
    addCopyCommand(app, status, true);
}

void addPullCommand(CLI::App& app, const ExitStatus& status) {
    addCopyCommand(app, status, false);
}

} // namespace iolab::cli
