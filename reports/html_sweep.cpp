#include "analyzer/analysis/sweep_grid.h"
#include "reports/format.h"
#include "reports/html_parts.h"
#include "reports/report.h"
#include "reports/sweep_text.h"

#include <algorithm>
#include <fmt/core.h>
#include <sstream>

namespace iolab::reports {
namespace {

constexpr const char* kSweepStyle = R"CSS(
svg.sweep { font-size: 12px; max-width: 100%; height: auto; }
svg.sweep .axis { fill: #444; font-weight: 600; } svg.sweep .tick { fill: #333; }
svg.sweep rect.cell { stroke: #fff; stroke-width: 2; }
svg.sweep rect.cell.significant { stroke: #1d232b; stroke-width: 3; }
svg.sweep rect.cell.baseline { stroke: #1d232b; stroke-width: 3; stroke-dasharray: 6 4; }
svg.sweep text.in { text-anchor: middle; } svg.sweep text.in.light { fill: #fff; }
svg.sweep line.whisker { stroke: #1d232b; stroke-width: 1.5; }
tr.significant td { font-weight: 600; } tr.baseline td { font-style: italic; }
)CSS";

constexpr int kCellWidth = 180;
constexpr int kCellHeight = 66;
constexpr int kBarWidth = 120;
constexpr int kBarsHeight = 220;

std::string h(const std::string& text) {
    return escapeMarkup(text);
}

std::string colour(double shade) {
    const ShadeColour fill = shadeColour(shade);
    return fmt::format("rgb({},{},{})", fill.red, fill.green, fill.blue);
}

// The class a cell's mark carries: the baseline dashed, a significant difference outlined.
std::string cellClass(const SweepMetric& metric, std::size_t c) {
    if (c == 0) {
        return "cell baseline";
    }
    return metric.cells[c]->significant ? "cell significant" : "cell";
}

// What a cell's mark says: the verdict's marks and change, e.g. "+12.0% *, best".
std::string cellNote(const SweepMetric& metric, std::size_t c) {
    const CellFigure& figure = *metric.cells[c];
    std::string note = c == 0 ? "baseline" : formatPercent(figure.change_percent);
    if (figure.significant) {
        note += " *";
    }
    return metric.best == c ? note + ", best" : note;
}

std::string dataAttributes(const SweepMetric& metric, std::size_t c) {
    const CellFigure& figure = *metric.cells[c];
    return fmt::format(" data-cell=\"{}\" data-mean=\"{:.17g}\" data-half-width=\"{:.17g}\" "
                       "data-runs=\"{}\"",
                       c, figure.moments.mean, figure.half_width, figure.moments.n);
}

void heatMap(std::ostringstream& out, const SweepGrid& grid, const SweepMetric& metric) {
    const int left = 150;
    const int top = 44;
    const int width = left + kCellWidth * static_cast<int>(grid.column_values.size()) + 8;
    const int height = top + kCellHeight * static_cast<int>(grid.row_values.size()) + 8;
    out << fmt::format("<svg class=\"sweep\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                       "height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n",
                       width, height);
    out << fmt::format("<text class=\"axis\" x=\"{}\" y=\"14\">{} →</text>\n", left,
                       h(grid.column_knob));
    out << fmt::format("<text class=\"axis\" x=\"4\" y=\"{}\">{} ↓</text>\n", top - 6,
                       h(grid.row_knob));
    for (std::size_t x = 0; x < grid.column_values.size(); ++x) {
        out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}"
                           "</text>\n",
                           left + kCellWidth * static_cast<int>(x) + kCellWidth / 2, top - 8,
                           h(grid.column_values[x]));
    }
    for (std::size_t y = 0; y < grid.row_values.size(); ++y) {
        out << fmt::format("<text class=\"tick\" x=\"4\" y=\"{}\">{}</text>\n",
                           top + kCellHeight * static_cast<int>(y) + kCellHeight / 2 + 4,
                           h(grid.row_values[y]));
    }
    for (const SweepGridCell& placed : grid.cells) {
        const int x = left + kCellWidth * static_cast<int>(placed.column);
        const int y = top + kCellHeight * static_cast<int>(placed.row);
        const std::string light = shadeColour(placed.shade).dark ? " light" : "";
        out << fmt::format("<rect class=\"{}\"{} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                           "fill=\"{}\"><title>{}</title></rect>\n",
                           cellClass(metric, placed.cell), dataAttributes(metric, placed.cell), x,
                           y, kCellWidth, kCellHeight, colour(placed.shade),
                           h(cellVerdict(metric, placed.cell)));
        out << fmt::format("<text class=\"in{}\" x=\"{}\" y=\"{}\">{}</text>\n", light,
                           x + kCellWidth / 2, y + 28,
                           h(meanInterval(metric, *metric.cells[placed.cell])));
        out << fmt::format("<text class=\"in{}\" x=\"{}\" y=\"{}\">{}</text>\n", light,
                           x + kCellWidth / 2, y + 48, h(cellNote(metric, placed.cell)));
    }
    out << "</svg>\n";
}

void bars(std::ostringstream& out, const SweepGrid& grid, const SweepMetric& metric) {
    const int left = 16;
    const int top = 40;
    const int width = left + kBarWidth * static_cast<int>(grid.column_values.size()) + 8;
    const int height = top + kBarsHeight + 56;
    double scale = 0;
    for (const SweepGridCell& placed : grid.cells) {
        const CellFigure& figure = *metric.cells[placed.cell];
        scale = std::max(scale, figure.moments.mean + figure.half_width);
    }
    const auto yOf = [&](double value) {
        return top + kBarsHeight - (scale > 0 ? value / scale * kBarsHeight : 0);
    };
    out << fmt::format("<svg class=\"sweep\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" "
                       "height=\"{1}\" viewBox=\"0 0 {0} {1}\">\n",
                       width, height);
    if (!grid.column_knob.empty()) {
        out << fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\">{}</text>\n", left, height - 4,
                           h(grid.column_knob));
    }
    for (const SweepGridCell& placed : grid.cells) {
        const CellFigure& figure = *metric.cells[placed.cell];
        const double middle =
            left + kBarWidth * static_cast<double>(placed.column) + kBarWidth / 2.0;
        const double barTop = yOf(figure.moments.mean);
        out << fmt::format("<rect class=\"{}\"{} x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" "
                           "height=\"{:.1f}\" fill=\"{}\"><title>{}</title></rect>\n",
                           cellClass(metric, placed.cell), dataAttributes(metric, placed.cell),
                           middle - kBarWidth * 0.35, barTop, static_cast<int>(kBarWidth * 0.7),
                           top + kBarsHeight - barTop, colour(placed.shade),
                           h(cellVerdict(metric, placed.cell)));
        if (figure.moments.n >= 2) {
            const double low = yOf(std::max(0.0, figure.moments.mean - figure.half_width));
            const double high = yOf(figure.moments.mean + figure.half_width);
            out << fmt::format(
                "<line class=\"whisker\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" "
                "y2=\"{2:.1f}\"/><line class=\"whisker\" x1=\"{3:.1f}\" "
                "x2=\"{4:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/><line "
                "class=\"whisker\" x1=\"{3:.1f}\" x2=\"{4:.1f}\" y1=\"{1:.1f}\" "
                "y2=\"{1:.1f}\"/>\n",
                middle, low, high, middle - 10, middle + 10);
        }
        out << fmt::format("<text class=\"in\" x=\"{:.1f}\" y=\"{}\">{}</text>\n", middle, top - 22,
                           h(meanInterval(metric, figure)));
        out << fmt::format("<text class=\"in\" x=\"{:.1f}\" y=\"{}\">{}</text>\n", middle, top - 8,
                           h(cellNote(metric, placed.cell)));
        out << fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}"
                           "</text>\n",
                           middle, top + kBarsHeight + 16, h(grid.column_values[placed.column]));
    }
    out << "</svg>\n";
}

void table(std::ostringstream& out, const SweepAnalysis& sweep, const SweepMetric& metric,
           const std::vector<std::size_t>& varying) {
    out << "<table><thead><tr>";
    for (const std::string& name : sweepTableHeader(sweep, varying)) {
        out << "<th>" << h(name) << "</th>";
    }
    out << "</tr></thead><tbody>\n";
    for (std::size_t c = 0; c < sweep.cells.size(); ++c) {
        if (!metric.cells[c]) {
            continue;
        }
        const std::string css =
            c == 0 ? "baseline" : (metric.cells[c]->significant ? "significant" : "");
        out << "<tr class=\"" << css << "\" data-cell=\"" << c << "\">";
        for (const std::string& text : sweepTableRow(sweep, metric, c, varying)) {
            out << "<td>" << h(text) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody></table>\n";
}

void lists(std::ostringstream& out, const char* title, const std::vector<std::string>& items,
           const char* css) {
    if (items.empty()) {
        return;
    }
    out << "<h2>" << title << "</h2>\n<div class=\"" << css << "\"><ul>";
    for (const std::string& item : items) {
        out << "<li>" << h(item) << "</li>";
    }
    out << "</ul></div>\n";
}

} // namespace

std::string renderSweepHtml(const SweepAnalysis& sweep, const ReportContext& context) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>iolab sweep " << h(sweep.name) << "</title>\n<style>" << htmlStyle()
        << kSweepStyle << "</style></head><body>\n<h1>iolab sweep " << h(sweep.name) << "</h1>\n"
        << "<p>" << h(sweepHeadline(sweep)) << "</p>\n";
    const std::vector<std::size_t> varying = varyingKnobs(sweep);
    if (const std::string fixed = fixedSettings(sweep, varying); !fixed.empty()) {
        out << "<p>Set in every cell: <code>" << h(fixed) << "</code></p>\n";
    }
    out << "<p class=\"note\">Colour: the cell's mean, pale the worst, green the best. Dashed: "
           "the baseline cell. Outlined and *: differs significantly from the baseline.</p>\n";
    std::vector<std::string> drift;
    for (const BaselineDrift& line : sweep.drift) {
        drift.push_back(driftLine(line));
    }
    lists(out, "Baseline cell over the sweep", drift, "note");
    lists(out, "Warnings", sweep.warnings, "warn");
    for (const SweepMetric& metric : sweep.metrics) {
        out << "<h2>" << h(sweepMetricTitle(metric)) << "</h2>\n";
        const SweepGrid grid = sweepGrid(sweep, metric);
        if (grid.shape == SweepShape::HeatMap) {
            heatMap(out, grid, metric);
        } else {
            bars(out, grid, metric);
        }
        table(out, sweep, metric, varying);
    }
    out << "<footer>" << h(context.generator) << " · " << h(context.generated_at)
        << "</footer>\n</body></html>\n";
    return out.str();
}

} // namespace iolab::reports
