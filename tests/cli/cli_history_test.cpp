#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

using iolab::test::CommandResult;
using iolab::test::runCommand;
using iolab::test::runIolab;

namespace {

std::string fixture(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/" + name;
}

nlohmann::json readJson(const std::string& path) {
    std::ifstream file(path);
    return nlohmann::json::parse(file);
}

// fio's own figure of a job and direction in a fio JSON file: the oracle of the history.
double fioFigure(const std::string& path, const std::string& job, const std::string& direction,
                 const std::string& field) {
    const nlohmann::json fio = readJson(path);
    for (const auto& entry : fio.at("jobs")) {
        if (entry.at("jobname") == job) {
            return entry.at(direction).at(field).get<double>();
        }
    }
    FAIL("no job " << job << " in " << path);
    return 0;
}

// `iolab ARGS` with no CI variables in its environment (CI runs these tests).
CommandResult runWithoutCi(std::vector<std::string> args, std::vector<std::string> env = {}) {
    std::vector<std::string> argv{"env"};
    for (const char* name : {"GITHUB_SHA", "GITHUB_REF_NAME", "GITHUB_RUN_ID", "CI_COMMIT_SHA",
                             "CI_COMMIT_REF_NAME", "CI_JOB_ID"}) {
        argv.insert(argv.end(), {"-u", name});
    }
    argv.insert(argv.end(), env.begin(), env.end());
    argv.push_back(iolab::test::iolabBinary());
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv);
}

nlohmann::json listRuns(const std::string& db) {
    const auto list = runIolab({"list", "--json", "--db", db});
    REQUIRE(list.exit_code == 0);
    return nlohmann::json::parse(list.out);
}

nlohmann::json historyJson(const std::string& db, std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"history", "--json", "--db", db});
    const auto result = runIolab(args);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

const nlohmann::json& subject(const nlohmann::json& histories, const std::string& name) {
    for (const auto& history : histories) {
        if (history.at("subject") == name) {
            return history;
        }
    }
    FAIL("no history of " << name);
    return histories;
}

// A copy of the real fio_jobs.json whose IOPS (read and write of every job) are `factor` times
// fio's: a history of many runs made from one real file.
std::string scaledFioJson(const iolab::test::TempDir& dir, int index, double factor) {
    nlohmann::json fio = readJson(fixture("fio_jobs.json"));
    for (auto& job : fio.at("jobs")) {
        for (const char* direction : {"read", "write"}) {
            job.at(direction).at("iops") = job.at(direction).at("iops").get<double>() * factor;
        }
    }
    const auto path = dir.path() / ("run" + std::to_string(index) + ".json");
    std::ofstream(path) << fio.dump();
    return path.string();
}

// Imports `stable` runs at fio's IOPS and then `changed` runs at `factor` times them, each with
// ±3% noise and its own commit (c0, c1, ...).
void importHistory(const iolab::test::TempDir& dir, const std::string& db, int stable, int changed,
                   double factor) {
    std::mt19937_64 generator(7);
    std::uniform_real_distribution<double> noise(-0.03, 0.03);
    for (int i = 0; i < stable + changed; ++i) {
        const double level = i < stable ? 1.0 : factor;
        const auto file = scaledFioJson(dir, i, level * (1 + noise(generator)));
        const auto result =
            runWithoutCi({"import", "--db", db, "--meta", "commit=c" + std::to_string(i), "--meta",
                          "branch=main", "--format", "fio-json", file});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
}

} // namespace

TEST_CASE("CLI provenance: --meta and the CI variables label the run", "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto github =
        runWithoutCi({"import", "--db", db, "--meta", "branch=feature/x", "--meta", "pool=nvme",
                      fixture("fio_jobs.json")},
                     {"GITHUB_SHA=4f1c9e2aa", "GITHUB_REF_NAME=main", "GITHUB_RUN_ID=77"});
    REQUIRE(github.exit_code == 0);
    const auto gitlab = runWithoutCi({"import", "--db", db, fixture("fio_jobs.json")},
                                     {"CI_COMMIT_SHA=b2", "CI_COMMIT_REF_NAME=dev", "CI_JOB_ID=9"});
    REQUIRE(gitlab.exit_code == 0);
    const auto plain = runWithoutCi({"import", "--db", db, fixture("fio_jobs.json")});
    REQUIRE(plain.exit_code == 0);

    const nlohmann::json runs = listRuns(db);
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].at("commit") == "4f1c9e2aa");
    CHECK(runs[0].at("branch") == "feature/x"); // --meta wins over the CI variable
    CHECK(runs[0].at("ci_job") == "77");
    CHECK(runs[0].at("metadata").at("pool") == "nvme");
    CHECK(runs[1].at("commit") == "b2");
    CHECK(runs[1].at("branch") == "dev");
    CHECK(runs[1].at("ci_job") == "9");
    CHECK(runs[2].at("commit") == "");

    const auto show = runIolab({"show", "--db", db, "1"});
    CHECK_THAT(show.out, Catch::Contains("commit:   4f1c9e2aa  branch: feature/x  ci job: 77"));
}

TEST_CASE("CLI provenance: a --meta without '=' is refused, nothing imported", "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto result =
        runWithoutCi({"import", "--db", db, "--meta", "commit", fixture("fio_jobs.json")});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("--meta 'commit': expected KEY=VALUE"));
}

TEST_CASE("CLI history: the series are fio's own IOPS and p99, oldest run first",
          "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const std::vector<std::string> files{fixture("fio_jobs.json"), fixture("fio_jobs_plus.json"),
                                         fixture("fio_jobs.json")};
    for (std::size_t i = 0; i < files.size(); ++i) {
        REQUIRE(
            runWithoutCi({"import", "--db", db, "--meta", "commit=c" + std::to_string(i), files[i]})
                .exit_code == 0);
    }
    const nlohmann::json histories = historyJson(db);
    const nlohmann::json& randread = subject(histories, "randread/read");
    REQUIRE(randread.at("points").size() == 3);
    std::int64_t previousStart = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const auto& point = randread.at("points")[i];
        CHECK(point.at("commit") == "c" + std::to_string(i));
        CHECK(point.at("value").get<double>() == fioFigure(files[i], "randread", "read", "iops"));
        CHECK(point.at("start_ns").get<std::int64_t>() >= previousStart);
        previousStart = point.at("start_ns").get<std::int64_t>();
    }
    const nlohmann::json& mixedWrite = subject(histories, "mixed/write");
    CHECK(mixedWrite.at("points")[1].at("value").get<double>() ==
          fioFigure(files[1], "mixed", "write", "iops"));

    const nlohmann::json p99 = historyJson(db, {"--metric", "p99", "--job", "randread"});
    REQUIRE(p99.size() == 1);
    CHECK(p99[0].at("metric") == "clat.p99");
    const double fioP99 = readJson(files[1])
                              .at("jobs")[0]
                              .at("read")
                              .at("clat_ns")
                              .at("percentile")
                              .at("99.000000")
                              .get<double>();
    CHECK(p99[0].at("points")[1].at("value").get<double>() == fioP99);

    const auto text = runIolab({"history", "--db", db, "--job", "randread"});
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out,
               Catch::Contains("randread/read IOPS: 3 runs, 8.60k .. 8.85k, 0 change points"));
    CHECK_THAT(text.out, Catch::Contains("▁█▁"));
}

TEST_CASE("CLI history: filters by branch, tag and host, and a bad metric and no match are input "
          "errors",
          "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    REQUIRE(runWithoutCi({"import", "--db", db, "--meta", "branch=main", "--tag", "nightly",
                          "--meta", "host=box1", fixture("fio_jobs.json")})
                .exit_code == 0);
    REQUIRE(runWithoutCi({"import", "--db", db, "--meta", "branch=dev", "--meta", "host=box2",
                          fixture("fio_jobs_plus.json")})
                .exit_code == 0);
    const auto count = [&](std::vector<std::string> args) {
        args.insert(args.end(), {"--job", "randread"});
        return historyJson(db, args).at(0).at("points").size();
    };
    CHECK(count({}) == 2);
    CHECK(count({"--branch", "dev"}) == 1);
    CHECK(count({"--tag", "nightly"}) == 1);
    CHECK(count({"--host", "box2"}) == 1);
    CHECK(historyJson(db, {"--branch", "dev", "--job", "randread"})
              .at(0)
              .at("points")[0]
              .at("value")
              .get<double>() ==
          fioFigure(fixture("fio_jobs_plus.json"), "randread", "read", "iops"));

    const auto none = runIolab({"history", "--db", db, "--branch", "gone"});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Catch::Contains("no complete or imported run has fio iops figures on "
                                         "branch gone"));
    const auto bad = runIolab({"history", "--db", db, "--metric", "p42"});
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("unknown history metric 'p42'"));
}

TEST_CASE("CLI history and report --history: a 15% drop in the newest runs fails, naming the "
          "commit",
          "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    importHistory(dir, db, 30, 5, 0.85);

    const nlohmann::json history = historyJson(db, {"--job", "randread"});
    REQUIRE(history.at(0).at("change_points").size() == 1);
    const auto& change = history.at(0).at("change_points")[0];
    CHECK(change.at("commit") == "c30");
    CHECK(change.at("change_percent").get<double>() == Approx(-15).margin(2));
    CHECK(change.at("worse") == true);
    CHECK(change.at("p_value").get<double>() <= 0.01);

    const auto text = runIolab({"history", "--db", db, "--job", "randread"});
    CHECK_THAT(text.out, Catch::Contains("◆ change point"));

    const auto report = runIolab({"report", "--history", "--db", db, "--job", "randread"});
    CHECK(report.exit_code == 1);
    CHECK_THAT(report.out, Catch::StartsWith("REGRESSION: randread/read iops -15."));
    CHECK_THAT(report.out, Catch::Contains("from commit c30 (run 31, 8.60k -> 7.26k, p = 0.005; "
                                           "the newest 5 runs)"));
    const auto everyJob = runIolab({"report", "--history", "--db", db});
    CHECK(everyJob.exit_code == 1);
    CHECK_THAT(everyJob.out, Catch::Contains("and 3 more"));

    // Gating only what is not turned off: IOPS off, bandwidth off, latency unchanged.
    const auto off = runIolab({"report", "--history", "--db", db, "--metric", "iops=off,bw=off"});
    CHECK(off.exit_code == 0);
}

TEST_CASE("CLI report --history: a stable or improving history passes", "[cli][history]") {
    iolab::test::TempDir dir;
    const std::string stableDb = dir.file("stable.db").string();
    importHistory(dir, stableDb, 35, 0, 1.0);
    const auto stable = runIolab({"report", "--history", "--db", stableDb});
    CHECK(stable.exit_code == 0);
    CHECK_THAT(stable.out, Catch::Contains("no regression: the newest segment of"));

    const std::string fasterDb = dir.file("faster.db").string();
    importHistory(dir, fasterDb, 30, 5, 1.15);
    CHECK(historyJson(fasterDb, {"--job", "randread"}).at(0).at("change_points").size() == 1);
    const auto faster = runIolab({"report", "--history", "--db", fasterDb, "--job", "randread"});
    CHECK(faster.exit_code == 0);

    const auto both =
        runIolab({"report", "--history", "--baseline", "1", "--candidate", "2", "--db", fasterDb});
    CHECK(both.exit_code == 2);
}
