#include "analyzer/errors.h"
#include "analyzer/files/safe_output.h"
#include "cli/command.h"
#include "cli/compare_options.h"
#include "cli/history_options.h"
#include "reports/history_verdict.h"
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
    bool history = false;
    store::RunFilter history_filter;
};

void printVerdict(const reports::Verdict& verdict) {
    printText(verdict.headline + "\n");
    for (std::size_t i = 1; i < verdict.details.size(); ++i) {
        printText("  " + verdict.details[i] + "\n");
    }
}

// --history: gates on the change points of every metric that has a threshold.
int judgeHistory(const ReportOptions& options, const ComparisonOptions& thresholds) {
    queries::HistoryOptions history;
    history.filter = options.history_filter;
    history.metrics.clear();
    for (const std::string_view metric : kHistoryMetrics) {
        if (thresholdFor(thresholds, std::string(metric))) {
            history.metrics.emplace_back(metric);
        }
    }
    auto store = openForReading(options.db);
    const reports::Verdict verdict =
        reports::judgeHistory(readHistories(store, history), thresholds);
    printVerdict(verdict);
    return verdict.exit_code;
}

} // namespace

void addReportCommand(CLI::App& app, const ExitStatus& status) {
    auto options = std::make_shared<ReportOptions>();
    auto compare = std::make_shared<CompareCliOptions>();
    CLI::App* command = app.add_subcommand(
        "report", "Write a comparison as Markdown, HTML, JUnit XML or JSON; exit 1 on a "
                  "regression");
    // -o names the report here, as in most report tools; the database is --db (or IOLAB_DB).
    command->add_option("--db", options->db, "iolab database: a file or a postgresql:// URI")
        ->capture_default_str()
        ->envname("IOLAB_DB");
    CLI::Option* baseline = command->add_option("--baseline", options->baseline,
                                                "run id, name, @latest, series:ID or tag:T");
    CLI::Option* candidate =
        command->add_option("--candidate", options->candidate, "the same forms");
    CLI::Option* history = command->add_flag(
        "--history", options->history,
        "instead of two sides: exit 1 when the newest runs of a fio job's history (since its last "
        "change point) are worse beyond the threshold; the filters below choose the history");
    history->excludes(baseline)->excludes(candidate);
    baseline->needs(candidate);
    candidate->needs(baseline);
    addCompareOptions(*command, *compare);
    addHistoryFilterOptions(*command, options->history_filter);
    command->add_option("--format", options->format, "md, html, junit or json")
        ->capture_default_str();
    command->add_option("-o,--output", options->output, "report file (default: standard output)");
    command->callback([options, compare, status] {
        const ComparisonOptions comparisonOptions = cli::comparisonOptions(*compare);
        if (options->history) {
            *status = judgeHistory(*options, comparisonOptions);
            return;
        }
        if (options->baseline.empty()) {
            throw InputError("give --baseline and --candidate, or --history");
        }
        if (options->history_filter != store::RunFilter{}) {
            throw InputError("--job, --branch, --tag and --host choose a history: use --history");
        }
        const auto format = reports::reportFormatFromString(options->format);
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
