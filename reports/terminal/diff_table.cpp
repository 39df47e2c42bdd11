#include "reports/terminal/diff_table.h"

#include "reports/format.h"
#include "reports/terminal/text_format.h"
#include "reports/verdict.h"

#include <algorithm>
#include <cmath>

namespace iolab::terminal {
namespace {

using Row = std::vector<std::string>;

// Text columns (the first two and the last) left, figures right.
std::string table(const std::vector<Row>& rows) {
    return alignColumns(rows, [](std::size_t i, std::size_t n) { return i < 2 || i + 1 == n; });
}

// "100.0k ±0.8%": the spread relative to the mean keeps the table narrow.
std::string meanSpread(const MetricComparison& m, const SideFigures& side) {
    if (side.values.empty()) {
        return "-";
    }
    std::string text = reports::formatValue(m, side.moments.mean);
    if (side.moments.n >= 2 && side.moments.mean != 0) {
        text +=
            " ±" + reports::fixed(100 * side.moments.stddev / std::abs(side.moments.mean), 1) + "%";
    }
    return text + reports::runInterval(m, side);
}

} // namespace

std::string renderDiffTable(const Comparison& comparison) {
    using namespace reports;
    std::string out = "baseline:  " + comparison.baseline.label +
                      "\ncandidate: " + comparison.candidate.label + "\n\n";
    std::vector<Row> rows{
        {"SUBJECT", "METRIC", "BASELINE", "CANDIDATE", "CHANGE", "95% CI", "P(HOLM)", "VERDICT"}};
    for (const MetricComparison& m : comparison.metrics) {
        rows.push_back({m.subject, metricLabel(m), meanSpread(m, m.baseline),
                        meanSpread(m, m.candidate), formatPercent(m.change_percent),
                        formatInterval(m), formatP(m.p_adjusted), assessmentLabel(m.assessment)});
    }
    out += table(rows);
    if (!comparison.functions.empty()) {
        std::vector<Row> functions{{"FUNCTION", "MODULE", "BASELINE", "CANDIDATE", "CHANGE"}};
        for (const FunctionShareChange& f : comparison.functions) {
            functions.push_back(
                {shortSymbol(f.symbol), shortSymbol(f.module, 30),
                 fixed(f.baseline.moments.mean, 2) + "%", fixed(f.candidate.moments.mean, 2) + "%",
                 (f.change_points > 0 ? "+" : "") + fixed(f.change_points, 2) + " pp"});
        }
        out += "\nCPU self share (" + comparison.cpu_event + "):\n" + table(functions);
    }
    if (!comparison.locks.empty()) {
        std::vector<Row> locks{
            {"GROUP", "KIND", "WAITS BASE", "WAITS CAND", "WAIT BASE", "WAIT CAND", "CHANGE"}};
        for (const LockGroupChange& lock : comparison.locks) {
            const LockRowText text = lockRowText(lock);
            locks.push_back({shortSymbol(lock.key), lock.kind, text.waits_baseline,
                             text.waits_candidate, text.wait_baseline, text.wait_candidate,
                             text.wait_change});
        }
        out += "\n" + lockTableTitle(comparison) + ":\n" + table(locks);
    }
    for (const std::string& warning : comparison.warnings) {
        out += "\nwarning: " + warning;
    }
    const Verdict verdict = judge(comparison);
    out += (comparison.warnings.empty() ? "\n" : "\n\n") + verdict.headline + "\n";
    for (std::size_t i = 1; i < verdict.details.size(); ++i) {
        out += "  also: " + verdict.details[i] + "\n";
    }
    return out;
}

} // namespace iolab::terminal
