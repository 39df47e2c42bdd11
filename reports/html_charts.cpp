#include "analyzer/analysis/statistics.h"
#include "analyzer/model/duration_text.h"
#include "reports/format.h"
#include "reports/html_parts.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

namespace iolab::reports {
namespace {

constexpr double kWidth = 760;
constexpr double kHeight = 300;
constexpr double kLeft = 70;
constexpr double kBottom = 60;
constexpr double kTop = 30;
constexpr const char* kBaselineColour = "#7a8ca8";
constexpr const char* kCandidateColour = "#e08a3c";

// A round step (1, 2 or 5 times a power of ten) that splits `range` into about four.
double niceStep(double range) {
    const double rough = range / 4;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (const double factor : {1.0, 2.0, 5.0}) {
        if (factor * power >= rough) {
            return factor * power;
        }
    }
    return 10 * power;
}

std::string num(double value) {
    return fixed(value, 1);
}

std::vector<const MetricComparison*> fioMetrics(const Comparison& comparison,
                                                const std::string& metric) {
    std::vector<const MetricComparison*> found;
    for (const MetricComparison& m : comparison.metrics) {
        if (m.kind == SubjectKind::FioJob && m.metric == metric &&
            m.assessment != Assessment::Missing) {
            found.push_back(&m);
        }
    }
    return found;
}

void bar(std::ostringstream& out, const MetricComparison& m, const SideFigures& side, double x,
         double width, double scale, const char* colour) {
    const double plotBottom = kHeight - kBottom;
    const double mean = side.moments.mean;
    const double top = plotBottom - mean * scale;
    out << "<rect x=\"" << num(x) << "\" y=\"" << num(top) << "\" width=\"" << num(width)
        << "\" height=\"" << num(mean * scale) << "\" fill=\"" << colour << "\"><title>"
        << escapeMarkup(formatMeanSpread(m, side)) << " (n=" << side.moments.n
        << ")</title></rect>\n";
    const double half = confidenceHalfWidth(side.moments);
    if (half > 0) {
        const double middle = x + width / 2;
        const double y1 = plotBottom - (mean + half) * scale;
        const double y2 = plotBottom - std::max(0.0, mean - half) * scale;
        out << "<path d=\"M" << num(middle) << " " << num(y1) << "V" << num(y2) << "M"
            << num(middle - 6) << " " << num(y1) << "h12M" << num(middle - 6) << " " << num(y2)
            << "h12\" stroke=\"#222\" stroke-width=\"1.5\" fill=\"none\"/>\n";
    }
    for (std::size_t i = 0; i < side.values.size(); ++i) {
        const double jitter =
            side.values.size() < 2
                ? 0
                : (static_cast<double>(i) / (side.values.size() - 1) - 0.5) * width * 0.5;
        out << "<circle cx=\"" << num(x + width / 2 + jitter) << "\" cy=\""
            << num(plotBottom - side.values[i] * scale)
            << "\" r=\"2.5\" fill=\"#fff\" stroke=\"#222\"/>\n";
    }
    double above = mean + half;
    for (const double value : side.values) {
        above = std::max(above, value);
    }
    const double labelY = plotBottom - above * scale - 7;
    out << "<text x=\"" << num(x + width / 2) << "\" y=\"" << num(labelY) << "\" class=\"v\">"
        << escapeMarkup(formatValue(m, mean)) << "</text>\n";
}

void legend(std::ostringstream& out, double x) {
    out << "<rect x=\"" << num(x) << "\" y=\"8\" width=\"12\" height=\"12\" fill=\""
        << kBaselineColour << "\"/><text x=\"" << num(x + 16)
        << "\" y=\"18\" class=\"l\">baseline</text>"
        << "<rect x=\"" << num(x + 90) << "\" y=\"8\" width=\"12\" height=\"12\" fill=\""
        << kCandidateColour << "\"/><text x=\"" << num(x + 106)
        << "\" y=\"18\" class=\"l\">candidate</text>\n";
}

std::string svgOpen(const char* label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " +
           num(kWidth) + " " + num(kHeight) + "\" role=\"img\" aria-label=\"" + label + "\">\n";
}

} // namespace

std::string iopsChartSvg(const Comparison& comparison) {
    const auto metrics = fioMetrics(comparison, "iops");
    if (metrics.empty()) {
        return "";
    }
    double highest = 0;
    for (const MetricComparison* m : metrics) {
        for (const SideFigures* side : {&m->baseline, &m->candidate}) {
            highest = std::max(highest, side->moments.mean + confidenceHalfWidth(side->moments));
            for (const double value : side->values) {
                highest = std::max(highest, value);
            }
        }
    }
    const double step = niceStep(highest > 0 ? highest * 1.1 : 1);
    const double axisTop = std::ceil(highest * 1.1 / step) * step;
    const double scale = (kHeight - kBottom - kTop) / axisTop;
    const double group = (kWidth - kLeft - 10) / static_cast<double>(metrics.size());
    const double barWidth = std::min(60.0, group / 3);
    std::ostringstream out;
    out << svgOpen("IOPS per job with 95% intervals");
    legend(out, kLeft);
    const double plotBottom = kHeight - kBottom;
    for (double value = 0; value <= axisTop * 1.0001; value += step) {
        const double y = plotBottom - value * scale;
        out << "<line x1=\"" << num(kLeft) << "\" x2=\"" << num(kWidth - 10) << "\" y1=\"" << num(y)
            << "\" y2=\"" << num(y) << "\" class=\"grid\"/><text x=\"" << num(kLeft - 6)
            << "\" y=\"" << num(y + 4) << "\" class=\"ax\">"
            << escapeMarkup(formatValue(*metrics.front(), value)) << "</text>\n";
    }
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const MetricComparison& m = *metrics[i];
        const double centre = kLeft + group * (static_cast<double>(i) + 0.5);
        bar(out, m, m.baseline, centre - barWidth - 4, barWidth, scale, kBaselineColour);
        bar(out, m, m.candidate, centre + 4, barWidth, scale, kCandidateColour);
        const bool bad = m.assessment == Assessment::Regression;
        out << "<text x=\"" << num(centre) << "\" y=\"" << num(plotBottom + 18)
            << "\" class=\"job\">" << escapeMarkup(m.subject) << "</text>\n"
            << "<text x=\"" << num(centre) << "\" y=\"" << num(plotBottom + 36) << "\" class=\""
            << (bad ? "bad" : "chg") << "\">" << escapeMarkup(formatPercent(m.change_percent))
            << (bad ? " regression" : "") << "</text>\n";
    }
    out << "</svg>\n";
    return out.str();
}

namespace {

// fio's clat p50, p99 and p99.9 of every job, grouped by job.
std::vector<const MetricComparison*> latencyMetrics(const Comparison& comparison) {
    std::vector<const MetricComparison*> metrics;
    for (const char* name : {"clat.p50", "clat.p99", "clat.p99.9"}) {
        for (const MetricComparison* m : fioMetrics(comparison, name)) {
            metrics.push_back(m);
        }
    }
    std::stable_sort(metrics.begin(), metrics.end(),
                     [](const auto* a, const auto* b) { return a->subject < b->subject; });
    return metrics;
}

// A logarithmic y axis over whole decades that hold every mean of `metrics`.
struct LogAxis {
    double decade_low = 0;
    double span = 1; // decades
    double y(double value) const {
        const double plotBottom = kHeight - kBottom;
        return plotBottom -
               (std::log10(std::max(value, 1.0)) - decade_low) / span * (plotBottom - kTop);
    }
};

std::optional<LogAxis> logAxis(const std::vector<const MetricComparison*>& metrics) {
    double low = 1e300;
    double high = 0;
    for (const MetricComparison* m : metrics) {
        for (const double value : {m->baseline.moments.mean, m->candidate.moments.mean}) {
            if (value > 0) {
                low = std::min(low, value);
                high = std::max(high, value);
            }
        }
    }
    if (high <= 0) {
        return std::nullopt;
    }
    const double decadeLow = std::floor(std::log10(low));
    const double decadeHigh = std::ceil(std::log10(high * 1.01));
    return LogAxis{decadeLow, std::max(1.0, decadeHigh - decadeLow)};
}

// Decades, and 2x and 5x lines too when there are few decades to read the bars against.
void logGrid(std::ostringstream& out, const LogAxis& axis) {
    std::vector<double> ticks;
    for (double decade = axis.decade_low; decade <= axis.decade_low + axis.span; ++decade) {
        for (const double factor : {1.0, 2.0, 5.0}) {
            if (factor == 1.0 || (axis.span <= 2 && decade < axis.decade_low + axis.span)) {
                ticks.push_back(factor * std::pow(10.0, decade));
            }
        }
    }
    for (const double value : ticks) {
        out << "<line x1=\"" << num(kLeft) << "\" x2=\"" << num(kWidth - 10) << "\" y1=\""
            << num(axis.y(value)) << "\" y2=\"" << num(axis.y(value))
            << "\" class=\"grid\"/><text x=\"" << num(kLeft - 6) << "\" y=\""
            << num(axis.y(value) + 4) << "\" class=\"ax\">" << escapeMarkup(formatDuration(value))
            << "</text>\n";
    }
}

// Both sides' bars of one percentile, its label and change below.
void latencyBars(std::ostringstream& out, const MetricComparison& m, const LogAxis& axis,
                 double centre, double barWidth) {
    const double plotBottom = kHeight - kBottom;
    int side = 0;
    for (const SideFigures* figures : {&m.baseline, &m.candidate}) {
        const double x = side == 0 ? centre - barWidth - 2 : centre + 2;
        const double top = axis.y(figures->moments.mean);
        out << "<rect x=\"" << num(x) << "\" y=\"" << num(top) << "\" width=\"" << num(barWidth)
            << "\" height=\"" << num(plotBottom - top) << "\" fill=\""
            << (side == 0 ? kBaselineColour : kCandidateColour) << "\"><title>"
            << escapeMarkup(m.subject + " " + metricLabel(m) + ": " + formatMeanSpread(m, *figures))
            << "</title></rect>\n";
        ++side;
    }
    out << "<text x=\"" << num(centre) << "\" y=\"" << num(plotBottom + 16) << "\" class=\"job\">"
        << escapeMarkup(metricLabel(m).substr(5)) << "</text>\n"
        << "<text x=\"" << num(centre) << "\" y=\"" << num(plotBottom + 30) << "\" class=\""
        << (m.assessment == Assessment::Regression ? "bad" : "chg") << "\">"
        << escapeMarkup(formatPercent(m.change_percent)) << "</text>\n";
}

} // namespace

std::string latencyChartSvg(const Comparison& comparison) {
    const std::vector<const MetricComparison*> metrics = latencyMetrics(comparison);
    const std::optional<LogAxis> axis = logAxis(metrics);
    if (metrics.empty() || !axis) {
        return "";
    }
    std::ostringstream out;
    out << svgOpen("clat percentiles per job, logarithmic");
    legend(out, kLeft);
    logGrid(out, *axis);
    const double slot = (kWidth - kLeft - 10) / static_cast<double>(metrics.size());
    const double barWidth = std::min(28.0, slot / 2.6);
    const double plotBottom = kHeight - kBottom;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        const MetricComparison& m = *metrics[i];
        const double centre = kLeft + slot * (static_cast<double>(i) + 0.5);
        latencyBars(out, m, *axis, centre, barWidth);
        if (i == 0 || metrics[i - 1]->subject != m.subject) {
            out << "<text x=\"" << num(centre - slot / 2 + 4) << "\" y=\"" << num(plotBottom + 48)
                << "\" class=\"grp\">" << escapeMarkup(m.subject) << "</text>\n";
        }
    }
    out << "</svg>\n";
    return out.str();
}

} // namespace iolab::reports
