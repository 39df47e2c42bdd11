#pragma once

#include "analyzer/analysis/sweep_grid.h"
#include "analyzer/analysis/sweep_table.h"
#include "gui/models/figure_table_model.h"

#include <QColor>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

// One metric of a sweep as the GUI draws it: the cells placed on the grid the reports use, with
// their figures, marks and colours. Figures are those of SweepAnalysis, unchanged.
namespace iolab::gui {

struct SweepChartCell {
    std::size_t cell = 0; // into SweepAnalysis::cells
    int column = 0;
    int row = 0;
    double mean = 0;
    double half_width = 0; // of the 95% interval; 0 with a single run
    std::size_t runs = 0;
    bool baseline = false;
    bool significant = false; // against the baseline, Holm-adjusted
    bool best = false;
    QColor fill;
    bool light_text = false;
    QString value;   // "27.8k ± 27.9k"
    QString note;    // "baseline", "+12.0% *", "-3.1%, best"
    QString tooltip; // settings, runs, figures and the verdict
    std::vector<std::int64_t> run_ids;
};

struct SweepChart {
    SweepShape shape = SweepShape::Bars;
    QString title;       // "randread/read IOPS (higher is better)"
    QString column_knob; // across (heat map) or under the bars
    QString row_knob;    // down (heat map only)
    QStringList column_values;
    QStringList row_values;
    std::vector<SweepChartCell> cells;
    double scale = 0; // bars: the top of the value axis (the largest mean + half-width)
};

// The metric picker's entries, in SweepAnalysis::metrics order: "randread/read IOPS".
QStringList sweepMetricNames(const SweepAnalysis& sweep);
// The metric a picker starts on: the first IOPS, else the first.
std::size_t defaultSweepMetric(const SweepAnalysis& sweep);

SweepChart sweepChart(const SweepAnalysis& sweep, std::size_t metric);

// The table under the chart: a row per cell with the varying knobs' values, runs, mean ± 95%,
// change, Holm-adjusted p and the verdict.
void showSweepTable(FigureTableModel& model, const SweepAnalysis& sweep, std::size_t metric);

// "clocksource=tsc dev.loop6.scheduler=none": a cell's settings.
QString sweepCellSettings(const SweepCell& cell);
// "4 cells of 12 runs over clocksource, dev.loop6.scheduler"
QString sweepSummary(const SweepAnalysis& sweep);

// "drift -3.4%/run ± 1.2 (significant)" lines and the warnings, for the view's header.
QStringList sweepNotes(const SweepAnalysis& sweep);

} // namespace iolab::gui
