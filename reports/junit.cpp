#include "reports/format.h"
#include "reports/report.h"
#include "reports/verdict.h"

#include <sstream>

namespace iolab::reports {
namespace {

std::string xml(const std::string& text) {
    return escapeMarkup(text);
}

std::string figures(const MetricComparison& m) {
    return "baseline " + formatMeanSpread(m, m.baseline) +
           " (n=" + std::to_string(m.baseline.moments.n) + "), candidate " +
           formatMeanSpread(m, m.candidate) + " (n=" + std::to_string(m.candidate.moments.n) +
           "), change " + formatPercent(m.change_percent) + ", 95% CI " + formatInterval(m) +
           ", p (Holm) " + formatP(m.p_adjusted) + ", threshold " +
           formatThreshold(m.threshold_percent);
}

void testcase(std::ostringstream& out, const MetricComparison& m) {
    out << "    <testcase classname=\"iolab." << xml(std::string(toString(m.kind))) << "."
        << xml(m.subject) << "\" name=\"" << xml(m.metric) << "\" time=\"0\">\n";
    switch (m.assessment) {
    case Assessment::Regression:
        out << "      <failure type=\"regression\" message=\"" << xml(describeChange(m)) << "\">"
            << xml(figures(m)) << "</failure>\n";
        break;
    case Assessment::Missing:
    case Assessment::NotGated:
        out << "      <skipped message=\"" << xml(assessmentLabel(m.assessment)) << "\"/>\n";
        break;
    default:
        out << "      <system-out>" << xml(assessmentLabel(m.assessment) + ": " + figures(m))
            << "</system-out>\n";
    }
    out << "    </testcase>\n";
}

} // namespace

std::string renderJunit(const Comparison& comparison, const ReportContext& context) {
    std::size_t failures = 0;
    std::size_t skipped = 0;
    for (const MetricComparison& m : comparison.metrics) {
        failures += m.assessment == Assessment::Regression ? 1 : 0;
        skipped += m.assessment == Assessment::Missing || m.assessment == Assessment::NotGated;
    }
    const std::string tests = std::to_string(comparison.metrics.size());
    const std::string name =
        "iolab: " + comparison.baseline.label + " vs " + comparison.candidate.label;
    std::ostringstream out;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"iolab\" tests=\"" << tests << "\" failures=\"" << failures
        << "\" errors=\"0\" time=\"0\">\n"
        << "  <testsuite name=\"" << xml(name) << "\" tests=\"" << tests << "\" failures=\""
        << failures << "\" errors=\"0\" skipped=\"" << skipped << "\" time=\"0\" timestamp=\""
        << xml(context.generated_at.substr(0, 19)) << "\" hostname=\"" << xml(context.hostname)
        << "\">\n"
        << "    <properties>\n";
    const auto property = [&](const std::string& key, const std::string& value) {
        out << "      <property name=\"" << xml(key) << "\" value=\"" << xml(value) << "\"/>\n";
    };
    property("baseline", comparison.baseline.label);
    property("candidate", comparison.candidate.label);
    property("threshold", formatThreshold(comparison.options.threshold_percent));
    property("significance",
             comparison.significance_judged
                 ? "Welch t-test, one-sided p Holm-adjusted per family, alpha " + fixed(comparison.options.alpha, 2)
                 : "not judged (single runs): threshold alone");
    property("verdict", judge(comparison).headline);
    out << "    </properties>\n";
    for (const MetricComparison& m : comparison.metrics) {
        testcase(out, m);
    }
    std::string warnings;
    for (const std::string& warning : comparison.warnings) {
        warnings += "warning: " + warning + "\n";
    }
    out << "    <system-out>" << xml(warnings) << "</system-out>\n"
        << "  </testsuite>\n"
        << "</testsuites>\n";
    return out.str();
}

} // namespace iolab::reports
