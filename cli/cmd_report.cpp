#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "cli/command.h"
#include "cli/compare_options.h"
#include "reports/report.h"
#include "reports/verdict.h"

#include <fmt/core.h>

namespace iolab::cli {
namespace {

struct ReportOptions {
    std::filesystem::path db = "iolab.db";
    std::string baseline;
    std::string candidate;
    std::string format = "md";
    std::filesystem::path output;
};

} // namespace

void addReportCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<ReportOptions>();
    auto compare = std::make_shared<CompareCliOptions>();
    CLI::App* command = app.add_subcommand(
        "report", "Write a comparison as Markdown, HTML, JUnit XML or JSON; exit 1 on a "
                  "regression");
    // -o names the report here, as in most report tools; the database is --db (or IOLAB_DB).
    command->add_option("--db", options->db, "iolab database file")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    command
        ->add_option("--baseline", options->baseline, "run id, name, @latest, series:ID or tag:T")
        ->required();
    command->add_option("--candidate", options->candidate, "the same forms")->required();
    addCompareOptions(*command, *compare);
    command->add_option("--format", options->format, "md, html, junit or json")
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "report file (default: standard output)");
    command->callback([options, compare, status] {
        const auto format = reports::reportFormatFromString(options->format);
        const ComparisonOptions comparisonOptions = cli::comparisonOptions(*compare);
        auto store = openForReading(options->db);
        const Comparison comparison =
            compareSelectors(store, options->baseline, options->candidate, comparisonOptions);
        const std::string text = reports::render(format, comparison, reports::currentContext());
        const reports::Verdict verdict = reports::judge(comparison);
        if (options->output.empty()) {
            printText(text);
        } else {
            files::OutputLocation(options->output).replaceWith(text);
            fmt::print(stderr, "iolab: {} ({} written)\n", verdict.headline,
                       options->output.string());
        }
        *status = verdict.exit_code;
    });
}

} // namespace iolab::cli
