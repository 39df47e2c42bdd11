#include "analyzer/queries/sweep_runs.h"
#include "analyzer/store/store.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/format.h"
#include "gui/models/sweep_chart.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

// The figures the GUI's sweep view shows of a real sweep equal what `iolab sweep show --json`
// prints of it.
using namespace iolab;
using namespace iolab::gui;

namespace {

const nlohmann::json& jsonMetric(const nlohmann::json& json, const SweepMetric& metric) {
    for (const auto& entry : json["metrics"]) {
        if (entry["subject"] == metric.subject && entry["metric"] == metric.metric) {
            return entry;
        }
    }
    FAIL("sweep show --json has no " << metric.subject << " " << metric.metric);
    throw std::logic_error("unreachable");
}

void checkChart(const SweepAnalysis& sweep, std::size_t m, const nlohmann::json& json) {
    const SweepMetric& metric = sweep.metrics[m];
    INFO(metric.subject << " " << metric.metric);
    const nlohmann::json& shown = jsonMetric(json, metric);
    const SweepChart chart = sweepChart(sweep, m);
    FigureTableModel table;
    showSweepTable(table, sweep, m);
    std::size_t withFigure = 0;
    for (const auto& cell : shown["cells"]) {
        withFigure += cell.is_null() ? 0 : 1;
    }
    REQUIRE(chart.cells.size() == withFigure);
    REQUIRE(table.rowCount() == static_cast<int>(withFigure));
    const int meanColumn = table.columnCount() - 4; // runs, mean, change, p, verdict
    for (std::size_t i = 0; i < chart.cells.size(); ++i) {
        const SweepChartCell& cell = chart.cells[i];
        const auto& figure = shown["cells"][cell.cell];
        CHECK(cell.mean == figure["mean"].get<double>());
        CHECK(cell.half_width == figure["half_width"].get<double>());
        CHECK(cell.runs == figure["runs"].get<std::size_t>());
        CHECK(cell.significant == figure["significant"].get<bool>());
        CHECK(cell.best == (shown["best_cell"] == cell.cell));
        CHECK(cell.baseline == (cell.cell == 0));
        CHECK(cell.value.startsWith(formatValue(figure["mean"].get<double>(), metric.unit)));
        CHECK(cell.run_ids == json["cells"][cell.cell]["run_ids"].get<std::vector<std::int64_t>>());
        const int row = static_cast<int>(i);
        CHECK(table.index(row, meanColumn).data(FigureTableModel::kSortRole).toDouble() ==
              figure["mean"].get<double>());
        CHECK(table.index(row, meanColumn).data().toString() == cell.value);
    }
}

} // namespace

TEST_CASE("GUI sweep view shows the figures iolab sweep show --json prints of a real sweep",
          "[root][gui][parity][sweep]") {
    if (!test::requireRoot()) {
        return;
    }
    test::TestDevice device;
    test::TempDir dir;
    const auto job = test::writeFioJob(dir, device.path(), "randread", 1);
    const auto db = dir.file("runs.db");
    const auto swept =
        test::runIolab({"sweep", "--name", "p", "--probe", "block", "--state",
                        dir.file("state").string(), "-o", db.string(), "--set", "fio.iodepth=1,8",
                        "--set", "fio.bs=4k,8k", "--repeat", "3", "--", "fio", job.string()});
    INFO(swept.err);
    REQUIRE(swept.exit_code == 0);
    const auto shown = test::runIolab({"sweep", "show", "p", "--json", "-o", db.string()});
    REQUIRE(shown.exit_code == 0);
    const nlohmann::json json = nlohmann::json::parse(shown.out);

    // What the GUI's window loads: the same query.
    store::Store store(db, store::OpenMode::ReadOnly);
    const SweepAnalysis sweep = queries::analyzeStoredSweep(store, "p");
    REQUIRE(sweep.cells.size() == 4);
    REQUIRE(sweep.metrics.size() == json["metrics"].size());
    const SweepChart iops = sweepChart(sweep, defaultSweepMetric(sweep));
    CHECK(iops.shape == SweepShape::HeatMap);
    CHECK(iops.column_values == QStringList{"1", "8"});
    CHECK(iops.row_values == QStringList{"4k", "8k"});
    CHECK(sweepMetricNames(sweep).size() == static_cast<qsizetype>(json["metrics"].size()));
    for (std::size_t m = 0; m < sweep.metrics.size(); ++m) {
        checkChart(sweep, m, json);
    }
    // The baseline's drift the view's header states: the JSON's trend.
    REQUIRE(json["baseline_drift"].size() == sweep.drift.size());
    for (std::size_t d = 0; d < sweep.drift.size(); ++d) {
        const auto& drift = json["baseline_drift"][d];
        CHECK(sweep.drift[d].change_percent == drift["change_percent"].get<double>());
        REQUIRE(sweep.drift[d].trend); // three runs of the baseline cell
        CHECK(sweep.drift[d].trend_percent == drift["trend_percent_per_run"].get<double>());
        CHECK(sweep.drift[d].trend_half_width_percent ==
              drift["trend_half_width_percent"].get<double>());
        CHECK(sweep.drift[d].significant == drift["significant"].get<bool>());
    }
}
