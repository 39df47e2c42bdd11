#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/profile_events.h"
#include "analyzer/importers/opreport_text.h"
#include "analyzer/store/run_headlines.h"
#include "analyzer/store/store.h"
#include "gui/models/call_graph_tables.h"
#include "gui/models/call_tree_model.h"
#include "gui/models/compare_tables.h"
#include "gui/models/latency_model.h"
#include "gui/models/run_list_model.h"
#include "gui/models/run_summary.h"
#include "gui/models/run_tables.h"
#include "tests/analyzer/opreport/opreport_fixture.h"
#include "tests/support/folded_profile.h"
#include "tests/support/sample_record.h"
#include "tests/support/temp_dir.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::gui;

namespace {

constexpr const char* kStacks = R"(
    fio;io_submit;__x64_sys_io_submit_[k];blk_mq_submit_bio_[k];blk_mq_run_hw_queue_[k] 70
    fio;io_submit;__x64_sys_io_submit_[k];blk_mq_submit_bio_[k] 20
    fio;io_getevents;__x64_sys_io_getevents_[k];schedule 30
    fio;td_io_queue;fio_libaio_queue 25
    fio;get_io_u;fill_io_u;get_next_offset 12
    fio;clock_gettime 8
)";

struct Fixture {
    test::TempDir dir;
    std::filesystem::path path = dir.file("iolab.db");
    std::int64_t recording = 0;

    Fixture() {
        store::Store store(path);
        RunRecord baseline = test::sampleRecord("baseline");
        baseline.profile = test::foldedProfile(kStacks);
        store.writeRun(baseline);
        RunRecord candidate = test::sampleRecord("candidate");
        candidate.run.status = RunStatus::Interrupted;
        candidate.fio_jobs[0].iops = 250'000;
        candidate.counters.push_back(
            {"probe.clock.attach_failed", {{"reason", "EPERM"}}, 1, false});
        candidate.counters.push_back({"block.lost_events", {}, 12, false});
        store.writeRun(candidate);
        Run live = candidate.run;
        live.name = "live";
        recording = store.beginRecording(live);
    }
};

} // namespace

TEST_CASE("Run list: runs with IOPS and p99, incomplete ones marked, filter", "[gui][models]") {
    Fixture fixture;
    store::Store store(fixture.path, store::OpenMode::ReadOnly);
    RunListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRuns(store.listRuns(), store::readRunHeadlines(fixture.path));
    REQUIRE(model.rowCount() == 3);
    CHECK(model.index(0, RunListModel::Name).data().toString() == "baseline");
    CHECK(model.index(0, RunListModel::Tags).data().toString() == "baseline, patch-v2");
    CHECK(model.index(0, RunListModel::Iops).data().toString() == "620.0k");
    CHECK(model.index(0, RunListModel::Iops).data(RunListModel::kSortRole).toDouble() ==
          Approx(620'001));
    // No block.total_ns histogram in the sample: the worst fio clat p99 stands in.
    CHECK(model.index(0, RunListModel::P99).data().toString() == "450.0µs (fio)");
    CHECK(model.index(2, RunListModel::Status).data().toString() == "recording (incomplete)");
    CHECK(model.index(2, RunListModel::Iops).data().toString() == "-");
    CHECK(model.index(1, RunListModel::Name).data(Qt::ForegroundRole).isValid());
    CHECK_FALSE(model.index(0, RunListModel::Name).data(Qt::ForegroundRole).isValid());

    RunFilterModel filter;
    QAbstractItemModelTester filterTester(&filter,
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setSourceModel(&model);
    filter.setFilterText("CANDID");
    CHECK(filter.rowCount() == 1);
    filter.setFilterText("interrupted");
    CHECK(filter.rowCount() == 1);
    filter.setFilterText("");
    filter.sort(RunListModel::Iops, Qt::DescendingOrder);
    CHECK(filter.index(0, RunListModel::Name).data().toString() == "baseline");
    CHECK(filter.index(2, RunListModel::Name).data().toString() == "live");
}

TEST_CASE("Run headlines: block total latency wins over fio's clat", "[gui][models]") {
    test::TempDir dir;
    store::Store store(dir.file("iolab.db"));
    RunRecord record = test::sampleRecord();
    record.histograms.push_back({"block.total_ns",
                                 {{"device", "loop0"}, {"operation", "read"}},
                                 {{1000, 2000, 99}, {2000, 3000, 1}}});
    record.histograms.push_back({"block.total_ns",
                                 {{"device", "loop1"}, {"operation", "read"}},
                                 {{1000, 2000, 99}, {2000, 3000, 1}}});
    const auto id = store.writeRun(record);
    const auto headlines = store::readRunHeadlines(dir.file("iolab.db"));
    REQUIRE(headlines.count(id) == 1);
    CHECK(headlines.at(id).p99_from_block);
    CHECK(*headlines.at(id).p99_ns == Approx(2000).margin(10));
    CHECK(*headlines.at(id).iops == Approx(620'001));
}

TEST_CASE("Call tree model: top-down and bottom-up, sorted", "[gui][models]") {
    const StackProfile profile = test::foldedProfile(kStacks);
    CallTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setTree(
        analysis::buildCallTree(profile, {"cpu-clock", analysis::CallTreeDirection::TopDown, ""}));
    REQUIRE(model.rowCount() == 1);
    const QModelIndex fio = model.index(0, CallTreeModel::Function);
    CHECK(fio.data().toString() == "fio");
    CHECK(model.index(0, CallTreeModel::Inclusive).data().toString() == "165");
    CHECK(model.rowCount(fio) == 5);
    CHECK(model.index(0, CallTreeModel::Function, fio).data().toString() == "io_submit");
    model.sort(CallTreeModel::Function, Qt::AscendingOrder);
    CHECK(model.index(0, CallTreeModel::Function, fio).data().toString() == "clock_gettime");
    model.sort(CallTreeModel::Inclusive, Qt::AscendingOrder);
    CHECK(model.index(0, CallTreeModel::Function, fio).data().toString() == "clock_gettime");
    CHECK(model.index(4, CallTreeModel::Function, fio).data().toString() == "io_submit");

    model.setTree(
        analysis::buildCallTree(profile, {"cpu-clock", analysis::CallTreeDirection::BottomUp, ""}));
    CHECK(model.rowCount() == 6);
    CHECK(model.index(0, CallTreeModel::Function).data().toString() == "blk_mq_run_hw_queue");
    CHECK(model.index(0, CallTreeModel::InclusiveShare).data().toString() == "42.4%");
}

TEST_CASE("Call graph tables: functions, callers and callees", "[gui][models]") {
    const StackProfile profile = test::foldedProfile(kStacks);
    FigureTableModel functions;
    QAbstractItemModelTester tester(&functions,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    showFunctions(functions, analysis::buildFlatProfile(profile, {"cpu-clock", {}}));
    CHECK(functions.index(0, 0).data().toString() == "blk_mq_run_hw_queue");
    CHECK(functions.index(0, 1).data(FigureTableModel::kSortRole).toDouble() == 70);
    const auto submit = analysis::findFunctions(profile, "blk_mq_submit_bio");
    REQUIRE(submit.size() == 1);
    const auto entry = analysis::buildCallGraph(profile, submit.front(), "cpu-clock");
    FigureTableModel callers;
    QAbstractItemModelTester callerTester(&callers,
                                          QAbstractItemModelTester::FailureReportingMode::Fatal);
    showCallLinks(callers, entry, true);
    REQUIRE(callers.rowCount() == 1);
    CHECK(callers.index(0, 0).data().toString() == "__x64_sys_io_submit");
    CHECK(callers.index(0, 1).data().toString() == "90");
    CHECK(callers.index(0, 2).data().toString() == "100.0%");
    FigureTableModel callees;
    showCallLinks(callees, entry, false);
    REQUIRE(callees.rowCount() == 1);
    CHECK(callees.index(0, 1).data().toString() == "70");
}

// The opreport example this project started from (two events, pasted from a blog): the call
// graph tab's function table gives lock_conflict the report's own counts for each event.
TEST_CASE("Call graph tables: the blog's opreport example shows lock_conflict's samples",
          "[gui][models]") {
    const RunRecord record =
        test::importFixture(importers::OpreportTextImporter{}, "variants/blog_lock_conflict.txt");
    const std::vector<std::string> events = analysis::profileEvents(record.profile);
    REQUIRE(events.size() == 2);
    std::vector<double> lockConflict;
    for (const std::string& event : events) {
        FigureTableModel functions;
        showFunctions(functions, analysis::buildFlatProfile(record.profile, {event, {}}));
        for (int row = 0; row < functions.rowCount(); ++row) {
            if (functions.index(row, 0).data().toString().startsWith("lock_conflict")) {
                lockConflict.push_back(
                    functions.index(row, 1).data(FigureTableModel::kSortRole).toDouble());
            }
        }
    }
    CHECK(lockConflict == std::vector<double>{19951, 6399});
}

TEST_CASE("Run tables: per-IO columns divide by the run's block requests", "[gui][models]") {
    const RunRecord record = test::sampleRecord();
    FigureTableModel locks;
    QAbstractItemModelTester tester(&locks, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showLocks(locks, record, analysis::groupLocks(record.locks, analysis::LockGrouping::Lock),
              analysis::LockGrouping::Lock);
    REQUIRE(locks.rowCount() == 1);
    CHECK(locks.index(0, 0).data().toString() == "spinlock in kmalloc-1k (0xffff888001234560)");
    CHECK(locks.index(0, 2).data().toString() == "blk_mq_submit_bio");
    CHECK(locks.index(0, 8).data(FigureTableModel::kSortRole).toDouble() ==
          Approx(420.0 / 1'550'000));
    CHECK(stackLines(record.locks[0].stack).first().startsWith("_raw_spin_lock"));
    FigureTableModel allocations;
    showAllocations(allocations, record);
    CHECK(allocations.index(0, 6).data().toString() == "1.000");
    CHECK(allocations.index(0, 7).data().toString() == "248.0");
    FigureTableModel clocks;
    showClocks(clocks, record);
    CHECK(clocks.index(0, 4).data().toString() == "7750000 (est.)");
    CHECK(clocks.index(0, 5).data().toString() == "5.000");
    CHECK(clocks.index(0, 6).data().toString() == "110ns"); // 5 reads x 22 ns (tsc, vDSO)
    FigureTableModel jobs;
    showFioJobs(jobs, record);
    CHECK(jobs.rowCount() == 2);
    CHECK(jobs.index(1, 9).data(Qt::ForegroundRole).isValid());
}

TEST_CASE("Latency model: block histograms with percentiles, fio clat beside", "[gui][models]") {
    LatencyModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setRecord(test::sampleRecord());
    REQUIRE(model.rowCount() == 3);
    CHECK(model.series(0).label == "loop0 read device");
    CHECK(model.series(0).device == "loop0");
    CHECK(model.series(0).operation == "read");
    CHECK(model.series(0).stage == "device");
    CHECK(model.series(0).percentiles.size() == 3);
    CHECK(model.index(0, 4).data().toString() == "10");
    CHECK(model.series(1).from_fio);
    CHECK(model.series(1).operation == "read");
    CHECK(model.series(1).stage == "clat");
    CHECK(model.index(1, 7).data().toString() == "450.0µs");
}

TEST_CASE("Run summary: warnings for incomplete runs, lost events, failed probes",
          "[gui][models]") {
    RunRecord record = test::sampleRecord();
    CHECK(runWarnings(record).isEmpty());
    record.run.status = RunStatus::Recording;
    record.counters.push_back({"probe.lock.attach_failed", {{"reason", "no BTF"}}, 1, false});
    record.counters.push_back({"cpu.ringbuf.drops", {}, 3, false});
    const QStringList warnings = runWarnings(record);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[1].contains("probe.lock.attach_failed"));
    CHECK(warnings[2].contains("3 events lost"));
    const QString html = runSummaryHtml(record);
    CHECK(html.contains("6.18.44"));
    CHECK(html.contains("Per-IO costs"));
    // The answers come before the metadata.
    CHECK(html.indexOf("IOPS") < html.indexOf("Metadata"));
    CHECK(html.indexOf("Per-IO costs") < html.indexOf("Metadata"));
}

TEST_CASE("Compare tables: metrics of both sides, IOPS bars with intervals", "[gui][models]") {
    std::vector<RunRecord> baseline{test::sampleRecord("b1"), test::sampleRecord("b2")};
    baseline[1].fio_jobs[0].iops = 300'000;
    std::vector<RunRecord> candidate{test::sampleRecord("c1"), test::sampleRecord("c2")};
    candidate[0].fio_jobs[0].iops = 200'000;
    candidate[1].fio_jobs[0].iops = 210'000;
    const Comparison comparison = compare(baseline, candidate);
    FigureTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showComparison(model, comparison);
    REQUIRE(model.rowCount() > 3);
    CHECK(model.index(0, 1).data().toString() == "iops");
    CHECK(model.index(0, 2).data().toString().contains("n=2"));
    const auto bars = iopsBars(comparison);
    REQUIRE(bars.size() >= 1);
    CHECK(bars[0].baseline == Approx(305'000.25));
    CHECK(bars[0].candidate == Approx(205'000));
    // t(0.975, 1) = 12.706; sd of (200k, 210k) = 7071; half-width = 12.706 * 7071 / sqrt(2)
    CHECK(bars[0].candidate_ci == Approx(63'531).epsilon(0.01));
}
