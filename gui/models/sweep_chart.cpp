#include "gui/models/sweep_chart.h"

#include "gui/models/format.h"

#include <algorithm>

namespace iolab::gui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

QString percentText(double percent) {
    return QStringLiteral("%1%2%").arg(percent > 0 ? "+" : "").arg(percent, 0, 'f', 1);
}

QString valueText(const SweepMetric& metric, const CellFigure& figure) {
    QString shown = formatValue(figure.moments.mean, metric.unit);
    if (figure.moments.n >= 2) {
        shown += QStringLiteral(" ± ") + formatValue(figure.half_width, metric.unit);
    }
    return shown;
}

QString verdictText(const SweepMetric& metric, std::size_t c) {
    return text(cellVerdict(metric, c));
}

QString metricName(const SweepMetric& metric) {
    return text(metric.subject + " " + metric.metric);
}

} // namespace

QStringList sweepMetricNames(const SweepAnalysis& sweep) {
    QStringList names;
    for (const SweepMetric& metric : sweep.metrics) {
        names << metricName(metric);
    }
    return names;
}

std::size_t defaultSweepMetric(const SweepAnalysis& sweep) {
    const auto iops = std::ranges::find(sweep.metrics, std::string("iops"), &SweepMetric::metric);
    return iops == sweep.metrics.end() ? 0 : static_cast<std::size_t>(iops - sweep.metrics.begin());
}

SweepChart sweepChart(const SweepAnalysis& sweep, std::size_t metricIndex) {
    const SweepMetric& metric = sweep.metrics.at(metricIndex);
    const SweepGrid grid = sweepGrid(sweep, metric);
    SweepChart chart;
    chart.shape = grid.shape;
    chart.title = QStringLiteral("%1 (%2 is better)")
                      .arg(metricName(metric), metric.higher_is_better ? "higher" : "lower");
    chart.column_knob = text(grid.column_knob);
    chart.row_knob = text(grid.row_knob);
    for (const std::string& value : grid.column_values) {
        chart.column_values << text(value);
    }
    for (const std::string& value : grid.row_values) {
        chart.row_values << text(value);
    }
    for (const SweepGridCell& placed : grid.cells) {
        const CellFigure& figure = *metric.cells[placed.cell];
        SweepChartCell cell;
        cell.cell = placed.cell;
        cell.column = static_cast<int>(placed.column);
        cell.row = static_cast<int>(placed.row);
        cell.mean = figure.moments.mean;
        cell.half_width = figure.half_width;
        cell.runs = figure.moments.n;
        cell.baseline = placed.cell == 0;
        cell.significant = figure.significant;
        cell.best = metric.best == placed.cell;
        const ShadeColour fill = shadeColour(placed.shade);
        cell.fill = QColor(fill.red, fill.green, fill.blue);
        cell.light_text = fill.dark;
        cell.value = valueText(metric, figure);
        cell.note = cell.baseline ? QStringLiteral("baseline")
                                  : percentText(figure.change_percent.value_or(0)) +
                                        (figure.significant ? QStringLiteral(" *") : QString());
        if (cell.best) {
            cell.note += QStringLiteral(", best");
        }
        cell.run_ids = sweep.cells[placed.cell].run_ids;
        cell.tooltip = QStringLiteral("%1\n%2 runs: %3 (95%)\n%4")
                           .arg(sweepCellSettings(sweep.cells[placed.cell]))
                           .arg(cell.runs)
                           .arg(cell.value, verdictText(metric, placed.cell));
        if (figure.p_adjusted) {
            cell.tooltip += QStringLiteral(", p %1 (Holm)").arg(*figure.p_adjusted, 0, 'g', 3);
        }
        chart.scale = std::max(chart.scale, cell.mean + cell.half_width);
        chart.cells.push_back(std::move(cell));
    }
    return chart;
}

void showSweepTable(FigureTableModel& model, const SweepAnalysis& sweep, std::size_t metricIndex) {
    const SweepMetric& metric = sweep.metrics.at(metricIndex);
    const std::vector<std::size_t> varying = varyingKnobs(sweep);
    QList<FigureColumn> columns;
    for (const std::size_t k : varying) {
        columns.append(FigureColumn(text(sweep.knobs[k])));
    }
    columns.append(FigureColumn(QStringLiteral("Runs"), true));
    columns.append(FigureColumn(QStringLiteral("Mean ± 95%"), true,
                                QStringLiteral("Mean over the cell's runs ± half-width of its 95% "
                                               "interval")));
    columns.append(
        FigureColumn(QStringLiteral("Change"), true, QStringLiteral("Against the baseline cell")));
    columns.append(FigureColumn(QStringLiteral("p (Holm)"), true,
                                QStringLiteral("Welch's t-test against the baseline, Holm across "
                                               "cells")));
    columns.append(FigureColumn(QStringLiteral("Verdict")));
    QList<FigureRow> rows;
    for (std::size_t c = 0; c < sweep.cells.size(); ++c) {
        if (!metric.cells[c]) {
            continue;
        }
        const CellFigure& figure = *metric.cells[c];
        FigureRow row;
        for (const std::size_t k : varying) {
            row.append(text(sweep.cells[c].settings.at(k).second));
        }
        row.append({QString::number(figure.moments.n), static_cast<qulonglong>(figure.moments.n)});
        row.append({valueText(metric, figure), figure.moments.mean});
        row.append(figure.change_percent
                       ? FigureCell{percentText(*figure.change_percent), *figure.change_percent}
                       : FigureCell{QString(), 0.0});
        row.append(figure.p_adjusted
                       ? FigureCell{QString::number(*figure.p_adjusted, 'f', 3), *figure.p_adjusted}
                       : FigureCell{QString(), 2.0});
        FigureCell verdict(verdictText(metric, c));
        if (figure.significant) {
            const bool better = (figure.moments.mean > metric.cells.front()->moments.mean) ==
                                metric.higher_is_better;
            verdict.foreground = better ? QColor(20, 130, 40) : QColor(190, 20, 20);
        }
        row.append(verdict);
        rows.append(row);
    }
    model.setTable(std::move(columns), std::move(rows));
}

QStringList sweepNotes(const SweepAnalysis& sweep) {
    QStringList notes;
    for (const BaselineDrift& drift : sweep.drift) {
        QString line = QStringLiteral("Baseline cell %1 %2 over %3 runs: ")
                           .arg(text(drift.subject), text(drift.metric))
                           .arg(drift.values.size());
        if (!drift.trend) {
            line += percentText(drift.change_percent) + QStringLiteral(" first to last");
        } else {
            line += QStringLiteral("drift %1/run ± %2%3")
                        .arg(percentText(drift.trend_percent))
                        .arg(drift.trend_half_width_percent, 0, 'f', 1)
                        .arg(drift.significant ? QStringLiteral(" — significant: the machine "
                                                                "drifted during the sweep")
                                               : QStringLiteral(", not significant"));
        }
        notes << line;
    }
    for (const std::string& warning : sweep.warnings) {
        notes << QStringLiteral("⚠ ") + text(warning);
    }
    return notes;
}

QString sweepCellSettings(const SweepCell& cell) {
    QStringList settings;
    for (const auto& [knob, value] : cell.settings) {
        settings << text(knob + "=" + value);
    }
    return settings.join(QLatin1Char(' '));
}

QString sweepSummary(const SweepAnalysis& sweep) {
    QStringList knobs;
    std::size_t runs = 0;
    for (const std::string& knob : sweep.knobs) {
        knobs << text(knob);
    }
    for (const SweepCell& cell : sweep.cells) {
        runs += cell.run_ids.size();
    }
    return QStringLiteral("%1 cells of %2 runs over %3")
        .arg(sweep.cells.size())
        .arg(runs)
        .arg(knobs.join(QStringLiteral(", ")));
}

} // namespace iolab::gui
