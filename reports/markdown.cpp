#include "reports/format.h"
#include "reports/report.h"
#include "reports/verdict.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace iolab::reports {
namespace {

std::string cell(std::string text) {
    std::string escaped;
    for (const char c : text) {
        if (c == '|') {
            escaped += "\\|";
        } else if (c == '\n') {
            escaped += ' ';
        } else {
            escaped += c;
        }
    }
    return escaped;
}

// The assessment's label, after a sign for those a reader must see.
std::string mark(Assessment assessment) {
    const char* sign = assessment == Assessment::Regression       ? "❌ "
                       : assessment == Assessment::Improvement    ? "✅ "
                       : assessment == Assessment::NotSignificant ? "〰️ "
                       : assessment == Assessment::Missing        ? "⚠️ "
                                                                  : "";
    return sign + assessmentLabel(assessment);
}

void metricTable(std::ostringstream& out, const Comparison& comparison, SubjectKind kind,
                 const char* subjectHeader) {
    out << "| " << subjectHeader
        << " | Metric | Baseline | Candidate | Change | 95% CI | p (Holm) | Threshold | |\n"
        << "|---|---|--:|--:|--:|--:|--:|--:|---|\n";
    for (const MetricComparison& m : comparison.metrics) {
        if (m.kind != kind) {
            continue;
        }
        out << "| " << cell(m.subject) << " | " << metricLabel(m) << " | "
            << formatMeanSpread(m, m.baseline) << " | " << formatMeanSpread(m, m.candidate) << " | "
            << formatPercent(m.change_percent) << " | " << formatInterval(m) << " | "
            << formatP(m.p_adjusted) << " | " << formatThreshold(m.threshold_percent) << " | "
            << mark(m.assessment) << " |\n";
    }
}

bool anyOf(const Comparison& comparison, SubjectKind kind, bool regressionsOnly) {
    return std::any_of(comparison.metrics.begin(), comparison.metrics.end(), [&](const auto& m) {
        return m.kind == kind && (!regressionsOnly || m.assessment == Assessment::Regression);
    });
}

void foldedSection(std::ostringstream& out, const Comparison& comparison, SubjectKind kind,
                   const char* title, const char* subjectHeader) {
    if (!anyOf(comparison, kind, false)) {
        return;
    }
    out << "\n<details" << (anyOf(comparison, kind, true) ? " open" : "") << "><summary>" << title
        << "</summary>\n\n";
    metricTable(out, comparison, kind, subjectHeader);
    out << "\n</details>\n";
}

void lockSection(std::ostringstream& out, const Comparison& comparison) {
    if (comparison.locks.empty()) {
        return;
    }
    out << "\n<details><summary>" << lockTableTitle(comparison) << "</summary>\n\n"
        << "| Group | Kind | Waits baseline | Waits candidate | Wait baseline | Wait candidate | "
           "Change |\n"
        << "|---|---|--:|--:|--:|--:|--:|\n";
    for (const LockGroupChange& lock : comparison.locks) {
        const LockRowText text = lockRowText(lock);
        out << "| `" << cell(shortSymbol(lock.key, 80)) << "` | " << cell(lock.kind) << " | "
            << text.waits_baseline << " | " << text.waits_candidate << " | " << text.wait_baseline
            << " | " << text.wait_candidate << " | " << text.wait_change << " |\n";
    }
    out << "\n</details>\n";
}

void functionSection(std::ostringstream& out, const Comparison& comparison) {
    if (comparison.functions.empty()) {
        return;
    }
    out << "\n<details><summary>CPU functions whose share changed (self, " << comparison.cpu_event
        << ")</summary>\n\n"
        << "| Function | Module | Baseline | Candidate | Change | p |\n"
        << "|---|---|--:|--:|--:|--:|\n";
    for (const FunctionShareChange& f : comparison.functions) {
        const double change = std::round(f.change_points * 100) / 100;
        out << "| `" << cell(shortSymbol(f.symbol, 80)) << "` | " << cell(f.module) << " | "
            << fixed(f.baseline.moments.mean, 2) << "% | " << fixed(f.candidate.moments.mean, 2)
            << "% | " << (change > 0 ? "+" : "") << fixed(change == 0 ? 0.0 : change, 2) << " pp | "
            << formatP(f.test ? std::optional(f.test->p_value) : std::nullopt) << " |\n";
    }
    out << "\n</details>\n";
}

} // namespace

std::string renderMarkdown(const Comparison& comparison, const ReportContext& context) {
    const Verdict verdict = judge(comparison);
    std::ostringstream out;
    out << "## iolab: " << (verdict.regression ? "❌ " : "✅ ") << cell(verdict.headline) << "\n\n";
    out << "**Baseline** " << cell(comparison.baseline.label) << " · **Candidate** "
        << cell(comparison.candidate.label) << " · threshold "
        << formatThreshold(comparison.options.threshold_percent);
    for (const auto& [metric, threshold] : comparison.options.metric_thresholds) {
        out << ", " << metric << " " << formatThreshold(threshold);
    }
    out << " · "
        << (comparison.significance_judged
                ? "Welch t-test, one-sided p Holm-adjusted per family, α = " +
                      fixed(comparison.options.alpha, 2)
                : std::string("single runs: significance could not be judged"))
        << "\n\n";
    if (verdict.details.size() > 1) {
        for (const std::string& detail : verdict.details) {
            out << "- " << cell(detail) << "\n";
        }
        out << "\n";
    }
    if (anyOf(comparison, SubjectKind::FioJob, false)) {
        metricTable(out, comparison, SubjectKind::FioJob, "Job");
    } else {
        out << "_No fio job on either side._\n";
    }
    foldedSection(out, comparison, SubjectKind::BlockDevice, "Block-layer latency", "Device");
    foldedSection(out, comparison, SubjectKind::PerIoCost, "Per-IO costs", "Scope");
    functionSection(out, comparison);
    lockSection(out, comparison);
    if (!comparison.warnings.empty()) {
        out << "\n**Warnings**\n\n";
        for (const std::string& warning : comparison.warnings) {
            out << "- ⚠️ " << cell(warning) << "\n";
        }
    }
    out << "\n<sub>" << context.generator << " · " << context.generated_at << "</sub>\n";
    return out.str();
}

} // namespace iolab::reports
