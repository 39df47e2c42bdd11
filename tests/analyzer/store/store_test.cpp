#include "analyzer/errors.h"
#include "analyzer/store/store.h"
#include "tests/support/sample_record.h"
#include "tests/support/store_engines.h"

#include <catch2/catch.hpp>
#include <stdexcept>

using iolab::RunRecord;
using iolab::RunStatus;
using iolab::store::OpenMode;
using iolab::store::Store;

TEST_CASE("Store: every model type survives a round trip", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    RunRecord written = iolab::test::sampleRecord();
    std::int64_t id = 0;
    {
        Store store(database.location());
        id = store.writeRun(written);
    }
    Store store(database.location(), OpenMode::ReadOnly);
    const RunRecord read = store.loadRun(id);
    written.run.id = id;
    CHECK(read.run.uuid.size() == 36); // given one by the store
    written.run.uuid = read.run.uuid;
    CHECK(read.run == written.run);
    CHECK(read.fio_jobs == written.fio_jobs);
    CHECK(read.histograms == written.histograms);
    CHECK(read.profile == written.profile);
    CHECK(read.locks == written.locks);
    CHECK(read.allocations == written.allocations);
    CHECK(read.clocks == written.clocks);
    CHECK(read.clock_sources == written.clock_sources);
    CHECK(read.counters == written.counters);
    CHECK(read.slow_ios == written.slow_ios);
}

TEST_CASE("Store: stack trees of any size round trip (rows are written in batches)", "[store]") {
    iolab::test::TempDir dir;
    Store store(dir.file("iolab.db"));
    // Sizes below, at and across a batch of rows, with a remainder.
    for (const std::int64_t nodes : {1, 49, 50, 123}) {
        RunRecord written = iolab::test::sampleRecord("tree");
        iolab::StackProfile& profile = written.profile;
        profile = {};
        for (int frame = 0; frame < 7; ++frame) {
            profile.frames.push_back({"f" + std::to_string(frame), "m", iolab::FrameKind::User});
        }
        for (std::int64_t node = 0; node < nodes; ++node) {
            const std::int64_t parent = node == 0 ? iolab::StackNode::kNoParent : (node - 1) / 2;
            profile.nodes.push_back({parent, node % 7});
        }
        for (std::int64_t node = 0; node < nodes; ++node) { // as many samples, texts varying
            profile.samples.push_back({node, node % 2 == 0 ? "cpu-clock" : "cycles",
                                       node % 3 == 0 ? "fio" : "dd", 40 + node,
                                       static_cast<std::uint64_t>(node + 1)});
        }
        const std::int64_t id = store.writeRun(written);
        CHECK(store.loadRun(id).profile == profile);
    }
}

TEST_CASE("Store: runs are found by id, name and @latest", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    Store store(database.location());
    const auto first = store.writeRun(iolab::test::sampleRecord("baseline"));
    const auto second = store.writeRun(iolab::test::sampleRecord("candidate"));
    const auto third = store.writeRun(iolab::test::sampleRecord("baseline"));

    CHECK(store.findRun(std::to_string(first))->id == first);
    CHECK(store.findRun("candidate")->id == second);
    CHECK(store.findRun("baseline")->id == third);
    CHECK(store.findRun("@latest")->id == third);
    CHECK_FALSE(store.findRun("nothing"));
    CHECK_THROWS_WITH(store.resolveRun("nothing"), Catch::Contains("no run 'nothing'"));
    CHECK(store.listRuns().size() == 3);
}

TEST_CASE("Store: removing a run removes all its parts", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    Store store(database.location());
    const auto kept = store.writeRun(iolab::test::sampleRecord("kept"));
    const auto removed = store.writeRun(iolab::test::sampleRecord("removed"));
    store.removeRun(removed);
    CHECK_THROWS_AS(store.removeRun(removed), iolab::InputError);
    CHECK_THROWS_AS(store.loadRun(removed), iolab::InputError);
    CHECK(store.loadRun(kept).profile.samples.size() == 3);
    const auto report = store.check();
    CHECK(report.problems.empty());
    CHECK(report.runs == 1);
}

TEST_CASE("Store: a writer that throws mid-run leaves no run behind", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    Store store(database.location());
    RunRecord broken = iolab::test::sampleRecord();
    // The run row and fio jobs are written before the profile, whose bad frame kind throws.
    broken.profile.frames.push_back({"bad", "bad", static_cast<iolab::FrameKind>(42)});
    CHECK_THROWS_AS(store.writeRun(broken), std::invalid_argument);
    CHECK(store.listRuns().empty());
    CHECK(store.check().problems.empty());
}

TEST_CASE("Store: a recording is visible as recording until finished", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    Store store(database.location());
    RunRecord record = iolab::test::sampleRecord("live");
    const auto id = store.beginRecording(record.run);
    CHECK(store.findRun("live")->status == RunStatus::Recording);
    CHECK(store.check().recording_runs == 1);

    record.run.status = RunStatus::Interrupted;
    store.finishRecording(id, record);
    const RunRecord finished = store.loadRun(id);
    CHECK(finished.run.status == RunStatus::Interrupted);
    CHECK(finished.profile == record.profile);
    CHECK(store.check().recording_runs == 0);
}

TEST_CASE("Store: a reader sees a consistent list while a writer transaction is open", "[store]") {
    IOLAB_FOR_EACH_ENGINE(database);
    const auto path = database.location();
    Store writer(path);
    writer.writeRun(iolab::test::sampleRecord("before"));

    iolab::store::Database raw(path, OpenMode::ReadWrite);
    iolab::store::Transaction open(raw);
    raw.execute("INSERT INTO runs (name, status) VALUES ('uncommitted', 'imported')");

    Store reader(path, OpenMode::ReadOnly);
    const auto runs = reader.listRuns();
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].name == "before");
    CHECK(runs[0].tags.size() == 2);
}
