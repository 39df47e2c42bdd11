#include "analyzer/analysis/lock_view.h"
#include "analyzer/model/stack_profile_builder.h"
#include "gui/models/block_story.h"
#include "gui/models/call_graph_tables.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/flame_tree.h"
#include "gui/models/format.h"
#include "gui/models/process_scope_model.h"
#include "gui/models/run_summary.h"
#include "gui/models/run_tables.h"
#include "tests/support/sample_record.h"

#include <QAbstractItemModelTester>
#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::gui;

namespace {

// fio (pids 10 and 11) beside a busy loop (pid 30) that took most of the CPU; unknown frames of
// both without a module.
RunRecord fioBesideBusyLoop() {
    RunRecord record = test::sampleRecord();
    record.run.command = "/usr/bin/fio --name=randread";
    StackProfileBuilder builder;
    const Frame unknown{"[unknown]", "[unknown]", FrameKind::User};
    const Frame submit{"io_submit", "libaio.so.1", FrameKind::User};
    const Frame spin{"spin", "/usr/bin/busy", FrameKind::User};
    builder.addSample(std::vector{unknown, submit}, "cpu-clock", "fio", 10, 6);
    builder.addSample(std::vector{unknown}, "cpu-clock", "fio", 11, 2);
    builder.addSample(std::vector{unknown, spin}, "cpu-clock", "busy", 30, 92);
    record.profile = builder.take();
    return record;
}

std::uint64_t rootSamples(const RunRecord& record, const ProcessScopeModel& scopes, int row) {
    const auto scoped = analysis::scopeProfile(record, scopes.scopeAt(row));
    return FlameTree::build(scoped.profile, "cpu-clock", FlameDirection::TopDown).totalSamples();
}

} // namespace

TEST_CASE("Process picker: the workload first, then all, then each process", "[gui][models]") {
    const RunRecord record = fioBesideBusyLoop();
    ProcessScopeModel scopes;
    QAbstractItemModelTester tester(&scopes, QAbstractItemModelTester::FailureReportingMode::Fatal);
    scopes.setRecord(record);
    REQUIRE(scopes.rowCount() == 6);
    CHECK(scopes.index(0, 0).data().toString() == "Workload: fio");
    CHECK(scopes.index(1, 0).data().toString() == "All processes");
    CHECK(scopes.index(2, 0).data().toString() == "busy (pid 30): 92 samples");
    CHECK(scopes.index(3, 0).data().toString() == "fio (every pid)");
    CHECK(scopes.index(4, 0).data().toString() == "fio (pid 10): 6 samples");
    // The flame graph's root counts what the picked row names.
    CHECK(rootSamples(record, scopes, 0) == 8);
    CHECK(rootSamples(record, scopes, 1) == 100);
    CHECK(rootSamples(record, scopes, 2) == 92);
    CHECK(rootSamples(record, scopes, 3) == 8);
    CHECK(rootSamples(record, scopes, 5) == 2);
}

TEST_CASE("Flame and call graph: unknown frames keep their program apart", "[gui][models]") {
    const RunRecord record = fioBesideBusyLoop();
    const auto all = analysis::scopeProfile(record, {analysis::ProcessScope::Kind::All, ""});
    const FlameTree tree = FlameTree::build(all.profile, "cpu-clock", FlameDirection::TopDown);
    QStringList roots;
    for (const std::int32_t child : tree.node(0).children) {
        roots << QString::fromStdString(analysis::frameLabel(tree.frameOf(child))) + " " +
                     QString::number(tree.node(child).total);
    }
    CHECK(roots == QStringList{"[unknown] busy (process) 92", "[unknown] fio (process) 8"});
    FigureTableModel functions;
    QAbstractItemModelTester tester(&functions,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    showFunctions(functions, analysis::buildFlatProfile(all.profile, {"cpu-clock", {}}));
    QStringList names;
    for (int row = 0; row < functions.rowCount(); ++row) {
        names << functions.index(row, 0).data().toString();
    }
    CHECK(names.contains("[unknown] busy (process)"));
    CHECK(names.contains("[unknown] fio (process)"));
    CHECK_FALSE(names.contains("[unknown]"));
}

TEST_CASE("Locks tab: grouped by caller, lock or class", "[gui][models]") {
    RunRecord record = test::sampleRecord();
    LockStat runqueue = record.locks.front();
    runqueue.address = 0xffff888100002000;
    runqueue.stack = {{"__schedule", "[kernel.kallsyms]", FrameKind::Kernel},
                      {"raw_spin_rq_lock_nested", "[kernel.kallsyms]", FrameKind::Kernel},
                      {"_raw_spin_lock", "[kernel.kallsyms]", FrameKind::Kernel},
                      {"__pv_queued_spin_lock_slowpath", "[kernel.kallsyms]", FrameKind::Kernel}};
    runqueue.cache.clear(); // per-CPU data, outside the slab
    runqueue.contentions = 10;
    runqueue.total_wait_ns = 2000;
    record.locks.push_back(runqueue);
    runqueue.address = 0xffff888200002000;
    record.locks.push_back(runqueue);
    FigureTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    using analysis::LockGrouping;
    showLocks(model, record, analysis::groupLocks(record.locks, LockGrouping::Class),
              LockGrouping::Class);
    REQUIRE(model.rowCount() == 2);
    CHECK(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString() == "Lock class");
    CHECK(model.index(0, 0).data().toString() == "spinlock in kmalloc-1k"); // 123 us of wait
    CHECK(model.index(1, 0).data().toString() == "runqueue lock");
    CHECK(model.index(1, 2).data().toString() == "__schedule");
    CHECK(model.index(1, 3).data().toString() == "2"); // two CPUs' runqueue locks
    CHECK(model.index(1, 4).data().toString() == "20");
    showLocks(model, record, analysis::groupLocks(record.locks, LockGrouping::Caller),
              LockGrouping::Caller);
    REQUIRE(model.rowCount() == 2);
    CHECK(model.headerData(0, Qt::Horizontal, Qt::DisplayRole).toString() == "Caller");
    CHECK(model.index(0, 0).data().toString() == "blk_mq_submit_bio");
    CHECK(model.index(1, 0).data().toString() == "__schedule");
    CHECK(model.index(1, 2).data().toString().startsWith("runqueue lock (0xffff88810000"));
}

TEST_CASE("Counters: fractions print as show prints them", "[gui][models]") {
    RunRecord record = test::sampleRecord();
    record.counters.push_back({"record.cpu_seconds", {}, 0.069, false});
    FigureTableModel counters;
    QAbstractItemModelTester tester(&counters,
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    showCounters(counters, record);
    CHECK(counters.index(counters.rowCount() - 1, 2).data().toString() == "0.069");
    CHECK(runSummaryHtml(record).contains("the recorder used 0.069 s of CPU"));
}

TEST_CASE("Run summary: answers first, warnings of windowed and estimated figures",
          "[gui][models]") {
    RunRecord record = test::sampleRecord();
    record.run.metadata["record.duty_cycle"] = "0.05";
    record.counters.push_back({"cpu.dropped", {}, 4, false});
    record.run.metadata["probe.lock.warning"] =
        "the slab caches of heap locks could not be named: no kfunc";
    const QStringList warnings = runWarnings(record);
    CHECK(warnings.filter("Probe lock: the slab caches of heap locks could not be named").size() ==
          1);
    CHECK(warnings.filter("sampling windows (5.0% of the run)").size() == 1);
    CHECK(warnings.filter("4 events lost (cpu.dropped)").size() == 1);
    const QString html = runSummaryHtml(record);
    const auto at = [&](const char* text) { return html.indexOf(QString::fromUtf8(text)); };
    CHECK(at("⚠") < at("fio: IOPS"));
    CHECK(at("fio: IOPS") < at("Block layer per device"));
    CHECK(at("Block layer per device") < at("Per-IO costs"));
    CHECK(at("Per-IO costs") < at("Metadata"));
    CHECK(at("310.0k") > 0); // the job's IOPS
}

TEST_CASE("Slowest IOs: a row per IO, their stacks one sample each in the graphs",
          "[gui][models]") {
    const RunRecord record = test::sampleRecord();
    FigureTableModel slow;
    QAbstractItemModelTester tester(&slow, QAbstractItemModelTester::FailureReportingMode::Fatal);
    showSlowIos(slow, record);
    REQUIRE(slow.rowCount() == 2);
    CHECK(slow.index(0, 5).data().toString() == formatNs(900'000));
    CHECK(slow.index(0, 12).data().toString() == "submit_bio");
    CHECK(slow.index(1, 7).data().toString() == "-"); // issued directly: no G2I
    CHECK(slow.index(1, 11).data().toString() == "kworker/u8:1");

    const RunRecord withStacks = withSlowIoStacks(record);
    // The CPU samples stay as they were; the IOs' stacks come after them, each a whole stack.
    CHECK(std::equal(record.profile.samples.begin(), record.profile.samples.end(),
                     withStacks.profile.samples.begin()));
    const auto flame = FlameTree::build(withStacks.profile, kSlowIoEvent, FlameDirection::TopDown);
    CHECK(flame.totalSamples() == 2);
    CHECK(innermostFramePattern(record.slow_ios[0]) == "^submit_bio$");
}
