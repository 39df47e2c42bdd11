#include "reports/terminal/diff_table.h"

#include "reports/format.h"
#include "reports/verdict.h"

#include <algorithm>
#include <cmath>

namespace iolab::terminal {
namespace {

using Row = std::vector<std::string>;

// Display width: UTF-8 continuation bytes take no column.
std::size_t columns(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

std::string table(const std::vector<Row>& rows) {
    std::vector<std::size_t> widths;
    for (const Row& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], columns(row[i]));
        }
    }
    std::string out;
    for (const Row& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string pad(widths[i] - columns(row[i]), ' ');
            // Text columns (the first two and the last) left, figures right.
            const bool left = i < 2 || i + 1 == row.size();
            line += (i == 0 ? "" : "  ") + (left ? row[i] + pad : pad + row[i]);
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += line + "\n";
    }
    return out;
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
