#include "reports/format.h"
#include "reports/html_parts.h"
#include "reports/report.h"
#include "reports/verdict.h"

#include <algorithm>
#include <sstream>

namespace iolab::reports {
namespace {

constexpr const char* kStyle = R"CSS(
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d232b;
       margin: 0 auto; max-width: 1240px; padding: 16px 24px 48px; background: #fbfbfa; }
h1 { font-size: 22px; margin: 8px 0 12px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.verdict { padding: 12px 16px; border-radius: 6px; font-weight: 600; font-size: 15px; }
.verdict.fail { background: #fde8e6; border: 1px solid #e3a39b; color: #8c1d12; }
.verdict.pass { background: #e6f4ea; border: 1px solid #9ccfa9; color: #1e5c2f; }
.verdict ul { margin: 6px 0 0; font-weight: 400; }
.sides { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 12px 0; }
.sides dt { font-weight: 600; } .sides dd { margin: 0; }
.warn { background: #fff6de; border: 1px solid #e8cf86; border-radius: 6px; padding: 6px 16px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e4e0; text-align: right; white-space: nowrap; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
th { background: #f0f0ec; font-weight: 600; }
tr.regression td { background: #fde8e6; } tr.improvement td { background: #e9f6ec; }
td.a-regression { color: #b3261e; font-weight: 600; } td.a-improvement { color: #1e7b34; }
td.a-noise, td.a-not-gated { color: #777; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.charts figure { margin: 0; flex: 1 1 560px; background: #fff; border: 1px solid #e4e4e0;
                 border-radius: 6px; padding: 8px; }
.charts figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; font-size: 11px; }
svg.chart .grid { stroke: #e4e4e0; } svg.chart .ax { text-anchor: end; fill: #666; }
svg.chart .v, svg.chart .job, svg.chart .chg, svg.chart .bad { text-anchor: middle; }
svg.chart .job { font-weight: 600; } svg.chart .bad { fill: #b3261e; font-weight: 700; }
svg.chart .grp { fill: #444; font-style: italic; } svg.chart .l { fill: #333; }
#flame { font: 11px monospace; background: #fff; border: 1px solid #e4e4e0; }
#flame g.f { cursor: pointer; } #flame g.f:hover rect { stroke: #222; stroke-width: 0.8; }
#flame g.hit rect { fill: #d23bd6 !important; } #flame g.faded { opacity: 0.55; }
#flame text { pointer-events: none; fill: #111; }
.flame-tools { margin: 6px 0; } .flame-tools input { width: 320px; padding: 3px 6px; }
.flame-tools input.bad { outline: 2px solid #b3261e; } #flame-match { color: #555; }
td.sym { white-space: normal; word-break: break-all; max-width: 520px; }
.note { color: #666; font-size: 12px; } footer { margin-top: 32px; color: #888; font-size: 12px; }
)CSS";

} // namespace

const char* htmlStyle() {
    return kStyle;
}

namespace {

std::string h(const std::string& text) {
    return escapeMarkup(text);
}

void metricTable(std::ostringstream& out, const Comparison& comparison, SubjectKind kind,
                 const char* subjectHeader) {
    out << "<table><thead><tr><th>" << subjectHeader
        << "</th><th>Metric</th><th>Baseline</th><th>Candidate</th><th>Change</th><th>95% "
           "CI</th><th>p (Holm)</th><th>Threshold</th><th>Assessment</th></tr></thead><tbody>\n";
    for (const MetricComparison& m : comparison.metrics) {
        if (m.kind != kind) {
            continue;
        }
        const std::string assessment = assessmentLabel(m.assessment);
        std::string css = assessment;
        std::replace(css.begin(), css.end(), ' ', '-');
        out << "<tr class=\"" << css << "\"><td>" << h(m.subject) << "</td><td>"
            << h(metricLabel(m)) << "</td><td>" << h(formatMeanSpread(m, m.baseline)) << "</td><td>"
            << h(formatMeanSpread(m, m.candidate)) << "</td><td>"
            << h(formatPercent(m.change_percent)) << "</td><td>" << h(formatInterval(m))
            << "</td><td>" << h(formatP(m.p_adjusted)) << "</td><td>"
            << h(formatThreshold(m.threshold_percent)) << "</td><td class=\"a-" << css << "\">"
            << h(assessment) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
}

bool has(const Comparison& comparison, SubjectKind kind) {
    for (const MetricComparison& m : comparison.metrics) {
        if (m.kind == kind) {
            return true;
        }
    }
    return false;
}

void sideRow(std::ostringstream& out, const char* name, const ComparedSide& side) {
    std::string runs;
    for (std::size_t i = 0; i < side.run_ids.size(); ++i) {
        runs +=
            (runs.empty() ? "" : ", ") + std::to_string(side.run_ids[i]) + " " + side.run_names[i];
    }
    out << "<dt>" << name << "</dt><dd>" << h(side.label)
        << " <span class=\"note\">runs: " << h(runs) << "</span></dd>\n";
}

void functionTable(std::ostringstream& out, const Comparison& comparison) {
    out << "<h2>CPU functions whose share changed</h2>\n<p class=\"note\">Self share of "
        << h(comparison.cpu_event) << " samples per run, mean over the runs of each side.</p>\n"
        << "<table><thead><tr><th>Function</th><th>Module</th><th>Baseline</th><th>Candidate"
           "</th><th>Change</th><th>p</th></tr></thead><tbody>\n";
    for (const FunctionShareChange& f : comparison.functions) {
        out << "<tr><td class=\"sym\">" << h(f.symbol) << "</td><td class=\"sym\">" << h(f.module)
            << "</td><td>" << fixed(f.baseline.moments.mean, 2) << "%</td><td>"
            << fixed(f.candidate.moments.mean, 2) << "%</td><td>"
            << (f.change_points > 0 ? "+" : "") << fixed(f.change_points, 2) << " pp</td><td>"
            << h(formatP(f.test ? std::optional(f.test->p_value) : std::nullopt)) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
}

void lockTable(std::ostringstream& out, const Comparison& comparison) {
    out << "<h2>" << h(lockTableTitle(comparison))
        << "</h2>\n<p class=\"note\">Contentions and wait time per IO, mean over the runs of "
           "each side.</p>\n"
        << "<table><thead><tr><th>Group</th><th>Kind</th><th>Waits baseline</th><th>Waits "
           "candidate</th><th>Wait baseline</th><th>Wait candidate</th><th>Change</th></tr>"
           "</thead><tbody>\n";
    for (const LockGroupChange& lock : comparison.locks) {
        const LockRowText text = lockRowText(lock);
        out << "<tr><td class=\"sym\">" << h(lock.key) << "</td><td>" << h(lock.kind) << "</td><td>"
            << text.waits_baseline << "</td><td>" << text.waits_candidate << "</td><td>"
            << h(text.wait_baseline) << "</td><td>" << h(text.wait_candidate) << "</td><td>"
            << h(text.wait_change) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
}

void verdictSection(std::ostringstream& out, const Verdict& verdict) {
    out << "<div class=\"verdict " << (verdict.regression ? "fail" : "pass") << "\">"
        << h(verdict.headline);
    if (verdict.details.size() > 1) {
        out << "<ul>";
        for (const std::string& detail : verdict.details) {
            out << "<li>" << h(detail) << "</li>";
        }
        out << "</ul>";
    }
    out << "</div>\n";
}

void sidesSection(std::ostringstream& out, const Comparison& comparison) {
    out << "<dl class=\"sides\">\n";
    sideRow(out, "Baseline", comparison.baseline);
    sideRow(out, "Candidate", comparison.candidate);
    out << "<dt>Judged by</dt><dd>"
        << h(comparison.significance_judged
                 ? "Welch's t-test over the repetitions, one-sided p Holm-adjusted per family, "
                   "alpha " +
                       fixed(comparison.options.alpha, 2) + "; threshold " +
                       formatThreshold(comparison.options.threshold_percent)
                 : "the threshold alone (" + formatThreshold(comparison.options.threshold_percent) +
                       "): significance could not be judged with single runs")
        << "</dd>\n</dl>\n";
    if (!comparison.warnings.empty()) {
        out << "<div class=\"warn\"><ul>";
        for (const std::string& warning : comparison.warnings) {
            out << "<li>" << h(warning) << "</li>";
        }
        out << "</ul></div>\n";
    }
}

void chartsSection(std::ostringstream& out, const Comparison& comparison) {
    const std::string iops = iopsChartSvg(comparison);
    const std::string latency = latencyChartSvg(comparison);
    if (iops.empty() && latency.empty()) {
        return;
    }
    out << "<h2>Charts</h2>\n<div class=\"charts\">";
    if (!iops.empty()) {
        out << "<figure><figcaption>IOPS per job (mean, 95% interval, one dot per "
               "run)</figcaption>\n"
            << iops << "</figure>\n";
    }
    if (!latency.empty()) {
        out << "<figure><figcaption>Completion latency percentiles (log "
               "scale)</figcaption>\n"
            << latency << "</figure>\n";
    }
    out << "</div>\n";
}

void tablesSection(std::ostringstream& out, const Comparison& comparison) {
    if (has(comparison, SubjectKind::FioJob)) {
        out << "<h2>fio jobs</h2>\n";
        metricTable(out, comparison, SubjectKind::FioJob, "Job");
    }
    if (has(comparison, SubjectKind::BlockDevice)) {
        out << "<h2>Block-layer latency</h2>\n";
        metricTable(out, comparison, SubjectKind::BlockDevice, "Device");
    }
    if (has(comparison, SubjectKind::PerIoCost)) {
        out << "<h2>Per-IO costs</h2>\n";
        metricTable(out, comparison, SubjectKind::PerIoCost, "Scope");
    }
    if (!comparison.functions.empty()) {
        functionTable(out, comparison);
    }
    if (!comparison.locks.empty()) {
        lockTable(out, comparison);
    }
}

void flameSection(std::ostringstream& out, const Comparison& comparison) {
    const std::string flame = diffFlameHtml(comparison);
    if (flame.empty()) {
        return;
    }
    out << "<h2>Differential flame graph</h2>\n<p class=\"note\">Width: the candidate's "
           "share of "
        << h(comparison.cpu_event)
        << " samples, the root at the top. Colour: red where the share grew against the "
           "baseline, blue where "
           "it shrank. Click a frame to zoom; search with a regular expression.</p>\n"
        << flame;
}

} // namespace

std::string renderHtml(const Comparison& comparison, const ReportContext& context) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>iolab: " << h(comparison.baseline.label) << " vs "
        << h(comparison.candidate.label) << "</title>\n<style>" << kStyle
        << "</style></head><body>\n<h1>iolab comparison</h1>\n";
    verdictSection(out, judge(comparison));
    sidesSection(out, comparison);
    chartsSection(out, comparison);
    tablesSection(out, comparison);
    flameSection(out, comparison);
    out << "<footer>" << h(context.generator) << " · " << h(context.generated_at)
        << "</footer>\n</body></html>\n";
    return out.str();
}

} // namespace iolab::reports
