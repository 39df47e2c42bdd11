#include "analyzer/analysis/folded_export.h"
#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "cli/command.h"

#include <fmt/core.h>
#include <unistd.h>

namespace iolab::cli {
namespace {

struct ExportOptions {
    std::string selector;
    std::string format = "folded";
    std::string event;
    std::string output; // empty: stdout
};

// Folded lines are data for other tools: written as they are, but escaped on a terminal.
void writeOutput(const std::string& path, const std::string& text) {
    if (path.empty() || path == "-") {
        if (isatty(STDOUT_FILENO) != 0) {
            printText(text);
        } else {
            fmt::print("{}", text);
        }
        return;
    }
    files::OutputLocation(path).replaceWith(text);
}

} // namespace

void addExportCommand(CLI::App& app, const ExitStatus& status) {
    auto common = std::make_shared<CommonOptions>();
    auto options = std::make_shared<ExportOptions>();
    CLI::App* command = app.add_subcommand(
        "export", "Export a run's stacks as folded lines for flamegraph.pl or inferno");
    command->add_option("-o,--db", common->db, "iolab database file")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    command->add_option("RUN", options->selector, "run id, name or @latest")->required();
    command->add_option("--format", options->format, "export format")
        ->check(CLI::IsMember({"folded"}))
        ->capture_default_str();
    command->add_option("--event", options->event,
                        "the event to export (default: the one with the most samples)");
    command->add_option("--output", options->output, "write to this file (default: stdout)");
    command->callback([common, options, status] {
        auto store = openForReading(common->db);
        const Run run = store.resolveRun(options->selector);
        const RunRecord record = store.loadRun(run.id);
        analysis::FoldedExportOptions folded;
        folded.event = options->event;
        try {
            writeOutput(options->output, analysis::exportFolded(record.profile, folded));
        } catch (const InputError& error) {
            throw InputError(fmt::format("run {} ({}): {}", run.id, run.name, error.what()));
        }
        *status = kOk;
    });
}

} // namespace iolab::cli
