#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/lock_view.h"
#include "analyzer/analysis/process_scope.h"
#include "analyzer/analysis/run_figures.h"
#include "gui/models/block_story.h"
#include "gui/models/call_graph_tables.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/latency_model.h"
#include "gui/models/process_scope_model.h"
#include "gui/models/run_summary.h"
#include "gui/models/run_tables.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"

#include <QAbstractItemModelTester>
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

// The figures the GUI's models show of a real recording equal what `iolab show --json` prints
// of it: both must come from the same functions, so they can never disagree.
using namespace iolab;
using namespace iolab::gui;

namespace {

double sortValue(const FigureTableModel& model, int row, int column) {
    return model.index(row, column).data(FigureTableModel::kSortRole).toDouble();
}

int columnNamed(const FigureTableModel& model, const QString& name) {
    for (int column = 0; column < model.columnCount(); ++column) {
        if (model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString() == name) {
            return column;
        }
    }
    FAIL("no column " << name.toStdString());
    return -1;
}

// The sum of a per-IO column over the rows for which `keep` holds.
double columnSum(
    const FigureTableModel& model, const QString& name,
    const std::function<bool(int)>& keep = [](int) { return true; }) {
    const int column = columnNamed(model, name);
    double sum = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        sum += keep(row) ? sortValue(model, row, column) : 0;
    }
    return sum;
}

nlohmann::json showJson(const std::filesystem::path& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> argv{test::iolabBinary(), "show", "-o", db.string(), "--json"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const auto shown = test::runCommand(argv);
    INFO(shown.err);
    REQUIRE(shown.exit_code == 0);
    return nlohmann::json::parse(shown.out);
}

void checkFioJobs(const RunRecord& record, const nlohmann::json& json) {
    FigureTableModel jobs;
    QAbstractItemModelTester tester(&jobs, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showFioJobs(jobs, record);
    REQUIRE(jobs.rowCount() == static_cast<int>(json["fio_jobs"].size()));
    REQUIRE(jobs.rowCount() > 0);
    for (int row = 0; row < jobs.rowCount(); ++row) {
        const auto& job = json["fio_jobs"][static_cast<std::size_t>(row)];
        CHECK(sortValue(jobs, row, columnNamed(jobs, "IOPS")) == job["iops"].get<double>());
        CHECK(sortValue(jobs, row, columnNamed(jobs, "IOs")) == job["ios"].get<double>());
    }
}

void checkPercentiles(const RunRecord& record, const nlohmann::json& json) {
    LatencyModel latency;
    QAbstractItemModelTester tester(&latency,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    latency.setRecord(record);
    int compared = 0;
    for (const auto& histogram : json["histograms"]) {
        const std::string metric = histogram["metric"];
        if (!metric.starts_with("block.") || !metric.ends_with("_ns")) {
            continue;
        }
        const auto dims = histogram["dimensions"];
        const QString label = QStringLiteral("%1 %2 %3")
                                  .arg(QString::fromStdString(dims["device"].get<std::string>()),
                                       QString::fromStdString(dims["operation"].get<std::string>()),
                                       QString::fromStdString(metric.substr(6, metric.size() - 9)));
        for (int row = 0; row < latency.rowCount(); ++row) {
            if (latency.series(row).label != label) {
                continue;
            }
            INFO(label.toStdString());
            const auto& percentiles = latency.series(row).percentiles;
            CHECK(percentiles[0].second == histogram["percentiles"]["p50"].get<double>());
            CHECK(percentiles[1].second == histogram["percentiles"]["p99"].get<double>());
            CHECK(percentiles[2].second == histogram["percentiles"]["p99.9"].get<double>());
            ++compared;
        }
    }
    CHECK(compared >= 3); // queue, device and total of the loop device's reads
}

void checkPerIoCosts(const RunRecord& record, const nlohmann::json& json) {
    const auto& costs = json["per_io_costs"];
    FigureTableModel clocks;
    showClocks(clocks, record);
    CHECK(columnSum(clocks, "Reads/IO") ==
          Approx(costs["clock_reads_per_io"].get<double>()).epsilon(1e-9));
    FigureTableModel allocations;
    showAllocations(allocations, record);
    const int scope = columnNamed(allocations, "Scope");
    // The rows are the sites, each scaled and rounded to whole allocations; the total is the
    // recorder's estimate of them all: equal up to that rounding.
    CHECK(columnSum(allocations, "Allocs/IO", [&](int row) {
              return allocations.index(row, scope).data().toString() == "workload";
          }) == Approx(costs["workload_allocations_per_io"].get<double>()).epsilon(1e-4));
    CHECK(costs["workload_allocations_per_io"].get<double>() > 0);
}

// The Summary tab prints each per-IO cost as `iolab show` does: the same value, method and 95%
// interval, in the same text.
void checkSummaryCosts(const RunRecord& record, const nlohmann::json& json,
                       const std::string& shownText) {
    const std::string summary = runSummaryHtml(record).toStdString();
    const auto& rows = json["per_io_costs"]["rows"];
    REQUIRE(rows.size() == 7);
    std::size_t withInterval = 0;
    for (const auto& row : rows) {
        analysis::Estimate perIo{row["per_io"].get<double>(), std::nullopt,
                                 row["method"].get<std::string>()};
        if (!row["per_io_ci95"].is_null()) {
            perIo.ci95 = row["per_io_ci95"].get<double>();
            withInterval += perIo.exact() ? 0 : 1;
        }
        const std::string name = row["name"].get<std::string>();
        const std::string figure = estimateText(perIo, 3);
        INFO(name << ": " << figure);
        CHECK(summary.find(name) != std::string::npos);
        CHECK(summary.find(">" + figure + "<") != std::string::npos);
        CHECK(shownText.find(figure) != std::string::npos);
    }
    // The lock probe counts in sampling windows under load, so at least its contentions are
    // windowed; when every probe counted every event there is no interval to show.
    if (withInterval == 0) {
        WARN("every per-IO cost was exact in this recording: no interval compared");
    }
}

void checkTopFunctions(const RunRecord& record, const nlohmann::json& json) {
    ProcessScopeModel scopes;
    scopes.setRecord(record);
    // Row 0, the picker's default, is the workload: what show lists.
    CHECK(scopes.index(0, 0).data().toString().toStdString() ==
          "Workload: " + json["cpu_scope"].get<std::string>());
    const auto scoped = analysis::scopeProfile(record, scopes.scopeAt(0));
    const auto flat = analysis::buildFlatProfile(scoped.profile, {"cpu-clock", {}});
    CHECK(flat.total == json["cpu_samples"].get<std::uint64_t>());
    FigureTableModel functions;
    QAbstractItemModelTester tester(&functions,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    showFunctions(functions, flat);
    const auto& top = json["cpu_functions"];
    REQUIRE(!top.empty());
    REQUIRE(functions.rowCount() >= static_cast<int>(top.size()));
    for (std::size_t i = 0; i < top.size(); ++i) {
        const int row = static_cast<int>(i);
        CHECK(functions.index(row, 0).data().toString().toStdString() ==
              top[i]["label"].get<std::string>());
        CHECK(sortValue(functions, row, columnNamed(functions, "Self")) ==
              top[i]["self"].get<double>());
        CHECK(sortValue(functions, row, columnNamed(functions, "Inclusive")) ==
              top[i]["inclusive"].get<double>());
    }
}

void checkLocks(const RunRecord& record, const nlohmann::json& json) {
    const auto grouping =
        analysis::lockGroupingFromString(json["lock_groups"]["by"].get<std::string>());
    FigureTableModel locks;
    QAbstractItemModelTester tester(&locks, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showLocks(locks, record, analysis::groupLocks(record.locks, grouping), grouping);
    const auto& groups = json["lock_groups"]["groups"];
    REQUIRE(locks.rowCount() == static_cast<int>(groups.size()));
    for (int row = 0; row < locks.rowCount(); ++row) {
        const auto& group = groups[static_cast<std::size_t>(row)];
        CHECK(locks.index(row, 0).data().toString().toStdString() == group["key"]);
        CHECK(sortValue(locks, row, columnNamed(locks, "Contentions")) ==
              group["contentions"].get<double>());
        CHECK(sortValue(locks, row, columnNamed(locks, "Total wait")) ==
              group["total_wait_ns"].get<double>());
    }
    CHECK(columnSum(locks, "Contentions/IO") ==
          Approx(json["per_io_costs"]["lock_contentions_per_io"].get<double>()).epsilon(1e-9));
    if (groups.empty()) {
        WARN("no lock contention in this recording: the lock rows were not compared");
    }
    // A heap lock's name says the slab cache the probe found for it.
    std::size_t inCaches = 0;
    for (const auto& lock : json["locks"]) {
        const std::string cache = lock["cache"].get<std::string>();
        if (!cache.empty()) {
            ++inCaches;
            CHECK(lock["name"].get<std::string>().find(" in " + cache + " (") != std::string::npos);
        }
    }
    INFO("locks in slab objects: " << inCaches);
}

// Each phase bar's segments are the shares of Q2C `iolab show --json` prints.
void checkPhaseBars(const RunRecord& record, const nlohmann::json& json) {
    const auto bars = phaseBars(record);
    REQUIRE(!bars.empty());
    std::size_t compared = 0;
    for (const PhaseBar& bar : bars) {
        for (const auto& operation : json["block_phases"]["operations"]) {
            if (operation["device"] != bar.device.toStdString() ||
                operation["operation"] != bar.operation.toStdString()) {
                continue;
            }
            for (const PhaseSegment& segment : bar.segments) {
                for (const auto& phase : operation["phases"]) {
                    if (phase["phase"] == segment.phase.toStdString()) {
                        CHECK(segment.share == phase["share_of_q2c"].get<double>());
                        CHECK(segment.mean_ns == phase["mean_ns"].get<double>());
                        ++compared;
                    }
                }
            }
        }
    }
    // Reads on a loop device without a scheduler: Q2G and D2C at least.
    CHECK(compared >= 2);
}

// The slowest IOs' table holds what `iolab show --slowest --json` prints, row by row.
void checkSlowIos(const RunRecord& record, const nlohmann::json& json) {
    FigureTableModel slow;
    QAbstractItemModelTester tester(&slow, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showSlowIos(slow, record);
    const auto& ios = json["slowest_ios"];
    REQUIRE(slow.rowCount() == static_cast<int>(ios.size()));
    REQUIRE(slow.rowCount() == 20);
    for (int row = 0; row < slow.rowCount(); ++row) {
        const auto& io = ios[static_cast<std::size_t>(row)];
        CHECK(sortValue(slow, row, columnNamed(slow, "Q2C")) == io["q2c_ns"].get<double>());
        CHECK(sortValue(slow, row, columnNamed(slow, "Sector")) == io["sector"].get<double>());
        CHECK(sortValue(slow, row, columnNamed(slow, "Size")) == io["bytes"].get<double>());
        CHECK(sortValue(slow, row, columnNamed(slow, "PID")) == io["pid"].get<double>());
        const double d2c = io["d2c_ns"].is_null() ? -1.0 : io["d2c_ns"].get<double>();
        CHECK(sortValue(slow, row, columnNamed(slow, "D2C")) == d2c);
    }
    // Each IO's stack is one sample of the graphs' slow-IO event.
    const RunRecord withStacks = withSlowIoStacks(record);
    std::uint64_t samples = 0;
    for (const Sample& sample : withStacks.profile.samples) {
        samples += sample.event == kSlowIoEvent ? sample.count : 0;
    }
    CHECK(samples == ios.size());
}

} // namespace

TEST_CASE("GUI models show the figures iolab show --json prints of a recorded run",
          "[root][gui][parity]") {
    if (!test::requireRoot()) {
        return;
    }
    test::TestDevice device;
    test::TempDir dir;
    // Another program burns CPU beside fio: the workload's CPU must not include it.
    const auto busy = dir.file("busyloop");
    std::filesystem::copy_file("/usr/bin/yes", busy);
    test::Spawned burner({"/bin/sh", "-c", "exec '" + busy.string() + "' > /dev/null"});
    const auto job = test::writeFioJob(dir, device.path(), "randread", 3, 4);
    const auto db = dir.file("runs.db");
    const auto recorded = test::runCommand(
        {test::iolabBinary(), "record", "-o", db.string(), "--", "fio", job.string()});
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    const RunRecord record = test::onlyRun(db);
    const nlohmann::json json = showJson(db);
    const auto shownText = test::runCommand({test::iolabBinary(), "show", "-o", db.string()});
    REQUIRE(shownText.exit_code == 0);

    checkFioJobs(record, json);
    checkPercentiles(record, json);
    checkPerIoCosts(record, json);
    checkSummaryCosts(record, json, shownText.out);
    checkTopFunctions(record, json);
    checkLocks(record, json);
    checkPhaseBars(record, json);
    checkSlowIos(record, showJson(db, {"--slowest"}));

    // fio's samples only by default; the busy loop appears with every process.
    CHECK(json["cpu_processes"] == nlohmann::json::array({"fio"}));
    const auto all = showJson(db, {"--all-processes"});
    CHECK(all["cpu_scope"] == "all processes");
    CHECK(all["cpu_samples"].get<std::uint64_t>() > json["cpu_samples"].get<std::uint64_t>());
    const auto busyOnly = showJson(db, {"--process", "busyloop"});
    CHECK(busyOnly["cpu_samples"].get<std::uint64_t>() > 0);
    CHECK(all["cpu_samples"].get<std::uint64_t>() >=
          busyOnly["cpu_samples"].get<std::uint64_t>() + json["cpu_samples"].get<std::uint64_t>());
}
