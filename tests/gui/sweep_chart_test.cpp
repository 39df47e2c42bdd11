#include "gui/models/figure_table_model.h"
#include "gui/models/format.h"
#include "gui/models/sweep_chart.h"
#include "tests/analyzer/analysis/sweep_records.h"

#include <QAbstractItemModelTester>
#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::gui;

namespace {

using test::sweepRun;

std::size_t metricIndex(const SweepAnalysis& sweep, const std::string& name) {
    for (std::size_t m = 0; m < sweep.metrics.size(); ++m) {
        if (sweep.metrics[m].metric == name) {
            return m;
        }
    }
    FAIL("no metric " << name);
    return 0;
}

} // namespace

TEST_CASE("sweep chart: two knobs make a heat map, the knobs its axes", "[gui][sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", test::clockSchedulerSweep());
    const std::size_t iops = metricIndex(sweep, "iops");
    CHECK(defaultSweepMetric(sweep) == iops);
    const SweepChart chart = sweepChart(sweep, iops);
    CHECK(chart.shape == SweepShape::HeatMap);
    CHECK(chart.column_knob == "clocksource");
    CHECK(chart.row_knob == "dev.loop0.scheduler");
    CHECK(chart.column_values == QStringList{"tsc", "kvm-clock"});
    CHECK(chart.row_values == QStringList{"none", "mq-deadline"});
    REQUIRE(chart.cells.size() == 4);
    const SweepMetric& metric = sweep.metrics[iops];
    for (const SweepChartCell& cell : chart.cells) {
        const SweepCell& source = sweep.cells[cell.cell];
        INFO(sweepCellSettings(source).toStdString());
        // Placed by its own settings.
        CHECK(chart.column_values[cell.column].toStdString() == source.settings[0].second);
        CHECK(chart.row_values[cell.row].toStdString() == source.settings[1].second);
        // The analysis' figures, unchanged.
        CHECK(cell.mean == metric.cells[cell.cell]->moments.mean);
        CHECK(cell.half_width == metric.cells[cell.cell]->half_width);
        CHECK(cell.runs == 3);
        CHECK(cell.run_ids == source.run_ids);
        CHECK(cell.value ==
              formatValue(cell.mean, "IOPS") + " ± " + formatValue(cell.half_width, "IOPS"));
        CHECK(cell.baseline == (cell.cell == 0));
    }
    // Only kvm-clock with mq-deadline differs; it is the best, darkest and starred.
    const auto& best = *std::ranges::find(chart.cells, true, &SweepChartCell::best);
    CHECK(chart.column_values[best.column] == "kvm-clock");
    CHECK(chart.row_values[best.row] == "mq-deadline");
    CHECK(best.significant);
    CHECK(best.note == "+50.0% *, best");
    const ShadeColour darkest = shadeColour(1);
    CHECK(best.fill == QColor(darkest.red, darkest.green, darkest.blue));
    CHECK(best.light_text);
    CHECK(std::ranges::count(chart.cells, true, &SweepChartCell::significant) == 1);
    CHECK(chart.cells[0].note == "baseline");
    CHECK(chart.cells[0].tooltip.contains("clocksource=tsc dev.loop0.scheduler=none"));
}

TEST_CASE("sweep chart: lower is better for latency: the best is the lowest, darkest",
          "[gui][sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", test::clockSchedulerSweep());
    const SweepChart chart = sweepChart(sweep, metricIndex(sweep, "clat.p99"));
    const auto& best = *std::ranges::find(chart.cells, true, &SweepChartCell::best);
    for (const SweepChartCell& cell : chart.cells) {
        CHECK(cell.mean >= best.mean);
    }
    CHECK(best.fill == QColor(shadeColour(1).red, shadeColour(1).green, shadeColour(1).blue));
    CHECK(chart.title.contains("lower is better"));
}

TEST_CASE("sweep chart: one knob makes bars with whiskers, two knobs a heat map bars per cell",
          "[gui][sweep]") {
    std::vector<RunRecord> one;
    std::vector<RunRecord> three;
    int order = 0;
    for (int round = 0; round < 2; ++round) {
        for (const char* depth : {"1", "8", "32"}) {
            one.push_back(sweepRun({{"fio.iodepth", depth}}, 100e3 + order * 1e3, order));
            three.push_back(sweepRun({{"fio.iodepth", depth},
                                      {"fio.bs", round == 0 ? "4k" : "8k"},
                                      {"clocksource", "tsc"}},
                                     100e3, order));
            ++order;
        }
    }
    const SweepAnalysis byDepth = analyzeSweep("s", one);
    const SweepChart bars = sweepChart(byDepth, metricIndex(byDepth, "iops"));
    CHECK(bars.shape == SweepShape::Bars);
    CHECK(bars.column_knob == "fio.iodepth");
    CHECK(bars.column_values == QStringList{"1", "8", "32"});
    double top = 0;
    for (const SweepChartCell& cell : bars.cells) {
        top = std::max(top, cell.mean + cell.half_width);
        CHECK(cell.half_width > 0);
    }
    CHECK(bars.scale == top);
    // Two knobs vary (clocksource is the same everywhere): a heat map again, 6 cells of 1 run.
    const SweepAnalysis byTwo = analyzeSweep("s", three);
    CHECK(sweepChart(byTwo, metricIndex(byTwo, "iops")).shape == SweepShape::HeatMap);
}

TEST_CASE("sweep chart: more than two varying knobs give one labelled bar per cell",
          "[gui][sweep]") {
    std::vector<RunRecord> runs;
    int order = 0;
    for (const char* a : {"1", "2"}) {
        for (const char* b : {"x", "y"}) {
            for (const char* c : {"p", "q"}) {
                runs.push_back(sweepRun({{"fio.a", a}, {"fio.b", b}, {"fio.c", c}}, 1e5, order++));
            }
        }
    }
    const SweepAnalysis sweep = analyzeSweep("s", runs);
    const SweepChart chart = sweepChart(sweep, metricIndex(sweep, "iops"));
    CHECK(chart.shape == SweepShape::Bars);
    CHECK(chart.column_values.size() == 8);
    CHECK(chart.column_values.front() == "fio.a=1 fio.b=x fio.c=p");
    CHECK(chart.column_knob.isEmpty());
}

TEST_CASE("sweep table: a row per cell with the chart's figures, notes name the drift",
          "[gui][sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", test::clockSchedulerSweep());
    const std::size_t iops = metricIndex(sweep, "iops");
    FigureTableModel table;
    QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showSweepTable(table, sweep, iops);
    REQUIRE(table.rowCount() == 4);
    CHECK(table.headerData(0, Qt::Horizontal, Qt::DisplayRole) == "clocksource");
    CHECK(table.headerData(3, Qt::Horizontal, Qt::DisplayRole) == "Mean ± 95%");
    const SweepChart chart = sweepChart(sweep, iops);
    for (int row = 0; row < 4; ++row) {
        CHECK(table.index(row, 3).data().toString() == chart.cells[row].value);
        CHECK(table.index(row, 3).data(FigureTableModel::kSortRole).toDouble() ==
              chart.cells[row].mean);
    }
    CHECK(table.index(3, 6).data().toString() == "higher (better), best");
    const QStringList notes = sweepNotes(sweep);
    REQUIRE_FALSE(notes.isEmpty());
    CHECK(notes.front().contains("drift"));
    CHECK(notes.front().contains("not significant"));
    CHECK(sweepMetricNames(sweep).size() == static_cast<qsizetype>(sweep.metrics.size()));
}
