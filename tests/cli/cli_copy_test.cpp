#include "analyzer/store/store.h"
#include "tests/support/run_command.h"
#include "tests/support/store_engines.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using iolab::RunRecord;
using iolab::store::Engine;
using iolab::store::OpenMode;
using iolab::store::Store;
using iolab::test::runIolab;
using iolab::test::TestDatabase;

namespace {

std::string fixture(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/" + name;
}

// Imports real tool output (fio's JSON with its histograms, perf script stacks) with tags and
// provenance into `db`.
void importFixtures(const std::string& db) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"import", "--db", db, "--tag", "baseline", "--meta", "commit=c1", "--meta",
              "branch=main", fixture("fio_jobs.json")},
             {"import", "--db", db, "--tag", "patch", "--meta", "host=runner-7",
              fixture("fio_randread.perf-script")},
             {"import", "--db", db, fixture("fio_jobs_plus.json")}}) {
        const auto result = runIolab(args);
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
}

std::vector<RunRecord> allRuns(const std::string& db) {
    Store store(db, OpenMode::ReadOnly);
    std::vector<RunRecord> records;
    for (const auto& run : store.listRuns()) {
        records.push_back(store.loadRun(run.id));
    }
    return records;
}

// Everything a run holds, its database's id left out.
void checkSameRuns(std::vector<RunRecord> expected, std::vector<RunRecord> actual) {
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        expected[i].run.id = actual[i].run.id = 0;
        CHECK(actual[i].run == expected[i].run);
        CHECK(actual[i].fio_jobs == expected[i].fio_jobs);
        CHECK(actual[i].histograms == expected[i].histograms);
        CHECK(actual[i].profile == expected[i].profile);
        CHECK(actual[i].locks == expected[i].locks);
        CHECK(actual[i].allocations == expected[i].allocations);
        CHECK(actual[i].clocks == expected[i].clocks);
        CHECK(actual[i].clock_sources == expected[i].clock_sources);
        CHECK(actual[i].counters == expected[i].counters);
    }
}

// A history's JSON without the runs' start times (the import's own clock, different in each
// database).
nlohmann::json withoutStartTimes(nlohmann::json histories) {
    for (auto& history : histories) {
        for (auto& point : history.at("points")) {
            point.erase("start_ns");
        }
    }
    return histories;
}

nlohmann::json copy(const std::vector<std::string>& args) {
    auto argv = args;
    argv.push_back("--json");
    const auto result = runIolab(argv);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

} // namespace

TEST_CASE("push copies runs with everything to a server once, and pull brings them back once",
          "[cli][store]") {
    TestDatabase file(Engine::SQLite);
    TestDatabase server(Engine::PostgreSQL);
    TestDatabase back(Engine::SQLite);
    const std::string local = file.location().string();
    const std::string uri = server.location().string();
    importFixtures(local);
    const auto original = allRuns(local);
    REQUIRE(original.size() == 3);
    CHECK_FALSE(original[1].profile.samples.empty());
    CHECK_FALSE(original[2].fio_jobs.at(0).clat_histogram.empty()); // fio's json+

    const auto pushed = copy({"push", "--db", local, "--to", uri, "1", "2", "3"});
    REQUIRE(pushed.size() == 3);
    CHECK(pushed[0]["copied"] == true);
    checkSameRuns(original, allRuns(uri));

    const auto again = copy({"push", "--db", local, "--to", uri, "1", "@latest"});
    CHECK(again[0]["copied"] == false);
    CHECK(again[1]["copied"] == false);
    CHECK(again[1]["target_run"] == pushed[2]["target_run"]);
    CHECK(allRuns(uri).size() == 3);

    const std::string target = back.location().string();
    const auto pulled = copy({"pull", "--db", target, "--from", uri, "1", "2", "3"});
    CHECK(pulled[2]["copied"] == true);
    checkSameRuns(original, allRuns(target));
    const auto twice = copy({"pull", "--db", target, "--from", uri, "2"});
    CHECK(twice[0]["copied"] == false);
    CHECK(allRuns(target).size() == 3);

    const auto text = runIolab({"push", "--db", local, "--to", uri, "1", "2"});
    CHECK(text.out.find("0 run(s) copied, 2 already there") != std::string::npos);
    const auto missing = runIolab({"push", "--db", local, "--to", uri, "nothing"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("no run 'nothing'") != std::string::npos);
}

TEST_CASE("a run being recorded is not pushed, and nothing is copied", "[cli][store]") {
    TestDatabase file(Engine::SQLite);
    TestDatabase server(Engine::PostgreSQL);
    const std::string local = file.location().string();
    importFixtures(local);
    iolab::Run live;
    live.name = "live";
    Store(file.location()).beginRecording(live);
    const auto result =
        runIolab({"push", "--db", local, "--to", server.location().string(), "1", "live"});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("is recording, not a finished run; nothing copied") != std::string::npos);
    CHECK(allRuns(server.location().string()).empty());
}

TEST_CASE("history reads the same series from a server as from a file", "[cli][store]") {
    TestDatabase file(Engine::SQLite);
    TestDatabase server(Engine::PostgreSQL);
    for (const auto& db : {file.location().string(), server.location().string()}) {
        importFixtures(db);
        const auto result = runIolab({"import", "--db", db, "--meta", "commit=c3", "--meta",
                                      "branch=main", fixture("fio_jobs.json")});
        REQUIRE(result.exit_code == 0);
    }
    for (const std::string metric : {"iops", "p99"}) {
        const auto fromFile =
            runIolab({"history", "--json", "--metric", metric, "--db", file.location().string()});
        const auto fromServer =
            runIolab({"history", "--json", "--metric", metric, "--db", server.location().string()});
        INFO(fromServer.err);
        REQUIRE(fromServer.exit_code == 0);
        const auto expected = withoutStartTimes(nlohmann::json::parse(fromFile.out));
        CHECK(expected.size() == 4); // 4 fio job directions
        CHECK(withoutStartTimes(nlohmann::json::parse(fromServer.out)) == expected);
    }
    const auto branch = runIolab({"history", "--json", "--branch", "main", "--job", "randread",
                                  "--db", server.location().string()});
    REQUIRE(branch.exit_code == 0);
    CHECK(branch.out.find("c3") != std::string::npos);
}
