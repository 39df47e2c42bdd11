#include "analyzer/analysis/selection.h"
#include "analyzer/errors.h"
#include "analyzer/queries/compare_runs.h"
#include "tests/analyzer/analysis/comparison_records.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

using iolab::InputError;
using iolab::Run;
using iolab::RunStatus;
using iolab::Selection;
using iolab::splitSelected;
using iolab::queries::selectRuns;

namespace {

std::vector<std::int64_t> ids(const iolab::Selection& selection) {
    std::vector<std::int64_t> out;
    for (const auto& run : selection.runs) {
        out.push_back(run.id);
    }
    return out;
}

} // namespace

TEST_CASE("selection: runs, series and tags from the store", "[selection]") {
    iolab::test::TempDir dir;
    iolab::store::Store store(dir.file("iolab.db"));
    std::vector<std::int64_t> written;
    const auto write = [&](const std::string& name, const std::string& series,
                           std::vector<std::string> tags) {
        auto record = iolab::test::fioRecord(name, series, {});
        record.run.tags = std::move(tags);
        written.push_back(store.writeRun(record));
    };
    write("a", "s1", {"baseline"}); // 1
    write("a", "s1", {"baseline"}); // 2
    write("b", "s2", {"baseline"}); // 3
    write("b", "s2", {});           // 4 (untagged, same series)
    write("c", "", {"loose"});      // 5
    write("d", "", {"loose"});      // 6
    iolab::Run dying;
    dying.name = "dying";
    dying.series = "s2";
    dying.tags = {"loose"};
    store.beginRecording(dying); // 7: a recorder still running (or killed)

    CHECK(ids(selectRuns(store, "series:s1")) == std::vector<std::int64_t>{1, 2});
    CHECK(selectRuns(store, "series:s1").label == "series:s1 (2 runs)");
    // The newest tagged run (3) decides: its whole series, the untagged run 4 included.
    CHECK(ids(selectRuns(store, "tag:baseline")) == std::vector<std::int64_t>{3, 4});
    // The newest usable "loose" run has no series: every loose run without one.
    CHECK(ids(selectRuns(store, "tag:loose")) == std::vector<std::int64_t>{5, 6});
    CHECK(ids(selectRuns(store, "a")) == std::vector<std::int64_t>{2});
    CHECK(ids(selectRuns(store, "1")) == std::vector<std::int64_t>{1});
    CHECK(ids(selectRuns(store, "series:s2")) == std::vector<std::int64_t>{3, 4});

    CHECK_THROWS_AS(selectRuns(store, "@latest"), InputError); // run 7 is still recording
    CHECK_THROWS_WITH(selectRuns(store, "series:nope"), Catch::Contains("nope"));
    CHECK_THROWS_WITH(selectRuns(store, "tag:nope"), Catch::Contains("nope"));
    CHECK_THROWS_WITH(selectRuns(store, "zzz"), Catch::Contains("zzz"));
}

TEST_CASE("Selection: runs picked by hand split into sides, series together, oldest baseline",
          "[analysis]") {
    const auto run = [](std::int64_t id, const char* series,
                        RunStatus status = RunStatus::Complete) {
        Run r;
        r.id = id;
        r.series = series;
        r.status = status;
        return r;
    };
    const auto sideIds = [](const Selection& side) {
        std::vector<std::int64_t> out;
        for (const Run& r : side.runs) {
            out.push_back(r.id);
        }
        return out;
    };
    auto sides = splitSelected({run(5, "patch"), run(1, "base"), run(2, "base"), run(6, "patch")});
    CHECK(sideIds(sides.first) == std::vector<std::int64_t>{1, 2});
    CHECK(sideIds(sides.second) == std::vector<std::int64_t>{5, 6});
    sides = splitSelected({run(3, ""), run(4, "")});
    CHECK(sideIds(sides.first) == std::vector<std::int64_t>{3});
    CHECK(sideIds(sides.second) == std::vector<std::int64_t>{4});
    sides = splitSelected({run(7, "s"), run(8, "s"), run(9, "s")});
    CHECK(sideIds(sides.first) == std::vector<std::int64_t>{7});
    CHECK(sideIds(sides.second) == std::vector<std::int64_t>{8, 9});
    CHECK(splitSelected({run(1, "")}).first.runs.empty());
    // What `iolab diff` leaves out, the GUI leaves out too.
    sides = splitSelected(
        {run(1, ""), run(2, "", RunStatus::Recording), run(3, ""), run(4, "", RunStatus::Failed)});
    CHECK(sideIds(sides.first) == std::vector<std::int64_t>{1});
    CHECK(sideIds(sides.second) == std::vector<std::int64_t>{3});
    CHECK(splitSelected({run(1, ""), run(2, "", RunStatus::Recording)}).first.runs.empty());
}
