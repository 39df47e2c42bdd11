#include "analyzer/errors.h"
#include "analyzer/queries/sweep_runs.h"
#include "cli/command.h"
#include "reports/report.h"
#include "reports/terminal/sweep_view.h"

namespace iolab::cli {

CLI::App* addSweepShowCommand(CLI::App& sweep, const ExitStatus& status) {
    auto common = std::make_shared<CommonOptions>();
    auto name = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("text");
    CLI::App* show = sweep.add_subcommand(
        "show", "A table per metric: every cell's mean ± 95% interval, the best cell, and the "
                "cells that differ significantly from the baseline (Holm across cells)");
    addCommonOptions(*show, *common, true);
    show->add_option("SWEEP", *name, "the sweep's name (its runs are tagged sweep:NAME)")
        ->required();
    show->add_option("--format", *format,
                     "text, markdown or html (a page with heat maps; --json for data)")
        ->check(CLI::IsMember({"text", "markdown", "html"}))
        ->capture_default_str();
    show->callback([=] {
        auto store = openForReading(common->db);
        const SweepAnalysis sweep = queries::analyzeStoredSweep(store, *name);
        if (common->json) {
            printText(terminal::sweepJson(sweep).dump(2) + "\n");
        } else if (*format == "html") {
            printText(reports::renderSweepHtml(sweep, reports::currentContext()));
        } else {
            printText(terminal::renderSweep(sweep, *format == "markdown"
                                                       ? terminal::SweepFormat::Markdown
                                                       : terminal::SweepFormat::Text));
        }
        *status = kOk;
    });
    return show;
}

} // namespace iolab::cli
