#include "analyzer/model/model_json.h"
#include "cli/command.h"
#include "reports/terminal/text_format.h"

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace iolab::cli {
namespace {

std::string joinTags(const std::vector<std::string>& tags) {
    return tags.empty() ? "-" : fmt::format("{}", fmt::join(tags, ","));
}

void printRuns(const std::vector<Run>& runs) {
    fmt::print("{:>5}  {:<24} {:<12} {:<20} {:<19} {}\n", "ID", "NAME", "STATUS", "SOURCE",
               "STARTED", "TAGS");
    for (const Run& run : runs) {
        printText(fmt::format("{:>5}  {:<24} {:<12} {:<20} {:<19} {}\n", run.id, run.name,
                              toString(run.status), run.source,
                              terminal::formatTimestamp(run.start_ns), joinTags(run.tags)));
    }
}

} // namespace

void addListCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<CommonOptions>();
    CLI::App* command = app.add_subcommand("list", "List the runs in the database");
    addCommonOptions(*command, *options, true);
    command->callback([options, status] {
        auto store = openForReading(options->db);
        const auto runs = store.listRuns();
        if (options->json) {
            nlohmann::ordered_json array = nlohmann::ordered_json::array();
            for (const Run& run : runs) {
                array.push_back(toJson(run));
            }
            printText(array.dump(2) + "\n");
        } else {
            printRuns(runs);
        }
        *status = kOk;
    });
}

} // namespace iolab::cli
