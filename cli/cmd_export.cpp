#include "analyzer/analysis/folded_export.h"
#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "cli/command.h"
#include "reports/export_pprof.h"
#include "reports/export_speedscope.h"

#include <fmt/core.h>
#include <unistd.h>

namespace iolab::cli {
namespace {

struct ExportOptions {
    std::string selector;
    std::string format = "folded";
    std::string event;
    std::string output; // empty: stdout
    ProcessOptions processes;
};

// The stacks in `options.format`.
std::string exportRun(const Run& run, const StackProfile& profile, const ExportOptions& options) {
    if (options.format == "speedscope") {
        return reports::exportSpeedscope(profile, run.name);
    }
    if (options.format == "pprof") {
        return reports::exportPprof(profile);
    }
    analysis::FoldedExportOptions folded;
    folded.event = options.event;
    return analysis::exportFolded(profile, folded);
}

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
        "export",
        "Export a run's stacks: folded lines (flamegraph.pl, inferno), speedscope JSON, or pprof's "
        "gzipped profile.proto (go tool pprof, Parca)");
    command->add_option("-o,--db", common->db, "iolab database: a file or a postgresql:// URI")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    command->add_option("RUN", options->selector, "run id, name or @latest")->required();
    command
        ->add_option("--format", options->format,
                     "folded (one event), speedscope (one profile per event) or pprof (one "
                     "sample type per event)")
        ->check(CLI::IsMember({"folded", "speedscope", "pprof"}))
        ->capture_default_str();
    command->add_option("--event", options->event,
                        "folded: the event to export (default: the one with the most samples)");
    command->add_option("--output", options->output, "write to this file (default: stdout)");
    addProcessOptions(*command, options->processes);
    command->callback([common, options, status] {
        auto store = openForReading(common->db);
        const Run run = store.resolveRun(options->selector);
        const RunRecord record = store.loadRun(run.id);
        if (!options->event.empty() && options->format != "folded") {
            throw InputError("--event applies to --format folded; " + options->format +
                             " exports every event");
        }
        try {
            const analysis::ScopedProfile scoped =
                analysis::scopeProfile(record, options->processes.scope());
            writeOutput(options->output, exportRun(run, scoped.profile, *options));
            // The stacks go to stdout or the file; whose they are goes beside them.
            fmt::print(stderr, "exported the stacks of {}\n", scoped.label);
        } catch (const InputError& error) {
            throw InputError(fmt::format("run {} ({}): {}", run.id, run.name, error.what()));
        }
        *status = kOk;
    });
}

} // namespace iolab::cli
