#include "cli/command.h"
#include "cli/compare_options.h"
#include "reports/report.h"
#include "reports/terminal/diff_table.h"

#include <fmt/core.h>

namespace iolab::cli {

void addDiffCommand(CLI::App& app, const ExitStatus& status) {
    auto common = std::make_shared<CommonOptions>();
    auto compare = std::make_shared<CompareCliOptions>();
    auto sides = std::make_shared<std::pair<std::string, std::string>>();
    CLI::App* command = app.add_subcommand(
        "diff", "Compare a candidate with a baseline (runs, series:ID or tag:T); exit 1 on a "
                "regression");
    addCommonOptions(*command, *common, true);
    addCompareOptions(*command, *compare);
    command->add_option("BASE", sides->first, "baseline: run id, name, @latest, series:ID, tag:T")
        ->required();
    command->add_option("CAND", sides->second, "candidate: the same forms")->required();
    command->callback([common, compare, sides, status] {
        const ComparisonOptions options = comparisonOptions(*compare);
        auto store = openForReading(common->db);
        const Comparison comparison = compareSelectors(store, sides->first, sides->second, options);
        const reports::ReportContext context = reports::currentContext();
        printText(common->json ? reports::renderJson(comparison, context)
                               : terminal::renderDiffTable(comparison));
        *status = comparison.regression() ? kRegression : kOk;
    });
}

} // namespace iolab::cli
