#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using iolab::test::runCommand;
using iolab::test::runIolab;

namespace {

std::string fixture(const std::string& name) {
    return std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/" + name;
}

std::string readFile(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

nlohmann::json listRuns(const std::string& db) {
    const auto list = runIolab({"list", "--json", "--db", db});
    REQUIRE(list.exit_code == 0);
    return nlohmann::json::parse(list.out);
}

} // namespace

TEST_CASE("CLI import: each format, one run per file", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto result =
        runIolab({"import", "--db", db, fixture("known_functions.perf-script"),
                  fixture("fio_jobs.json"), fixture("known_functions.folded.golden")});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK_THAT(result.out, Catch::Contains("known_functions.perf-script as run 1 (perf-script, 98 "
                                           "samples, 0 fio jobs)"));
    CHECK_THAT(result.out,
               Catch::Contains("fio_jobs.json as run 2 (fio-json, 0 samples, 4 fio jobs)"));
    CHECK_THAT(result.out, Catch::Contains("as run 3 (folded, "));
    const nlohmann::json runs = listRuns(db);
    REQUIRE(runs.size() == 3);
    const std::string text = runs.dump();
    CHECK_THAT(text, Catch::Contains("import:perf-script"));
    CHECK_THAT(text, Catch::Contains("import:fio-json"));
    CHECK_THAT(text, Catch::Contains("known_functions.perf-script"));
    CHECK_THAT(text, Catch::Contains("imported"));
}

TEST_CASE("CLI import: --name, --tag and --format", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto result = runIolab({"import", "--db", db, "--name", "old-kernel", "--tag", "baseline",
                                  "--format", "perf-script", fixture("fio_randread.perf-script")});
    CHECK(result.exit_code == 0);
    const std::string text = listRuns(db).dump();
    CHECK_THAT(text, Catch::Contains("old-kernel"));
    CHECK_THAT(text, Catch::Contains("baseline"));
    const auto wrong =
        runIolab({"import", "--db", db, "--format", "nope", fixture("fio_jobs.json")});
    CHECK(wrong.exit_code == 2);
    CHECK_THAT(wrong.err, Catch::Contains("unknown format 'nope'"));
}

TEST_CASE("CLI import: perf.data runs perf script", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    // The same recording as known_functions.perf-script: 93 cpu-clock + 5 tracepoint samples.
    const auto result = runIolab({"import", "--db", db, fixture("known_functions.data")});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("(perf-script, 98 samples, 0 fio jobs)"));
    const auto missing =
        runCommand({"/usr/bin/env", "PATH=/nonexistent", iolab::test::iolabBinary(), "import",
                    "--db", db, fixture("known_functions.data")});
    CHECK(missing.exit_code == 3);
    CHECK_THAT(missing.err, Catch::Contains("install linux-perf"));
    const std::string truncated = dir.file("truncated.data").string();
    std::ofstream(truncated, std::ios::binary)
        << readFile(fixture("known_functions.data")).substr(0, 10000);
    const auto broken = runIolab({"import", "--db", db, truncated});
    CHECK(broken.exit_code == 2);
    CHECK_THAT(broken.err, Catch::Contains("perf script failed"));
    CHECK(listRuns(db).size() == 1);
}

TEST_CASE("CLI import: a malformed file names FILE:LINE and writes nothing", "[cli][import]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"bad/perf_garbage_line.perf-script", ":23: not a perf script sample line"},
        {"bad/perf_truncated.perf-script", ":287: not a perf script sample line"},
        {"bad/perf_bad_frame.perf-script", ":13: not a stack frame"},
        {"bad/fio_truncated.json", ":396: malformed fio JSON"},
        {"bad/fio_bad_value.json", ":320: fio JSON: jobs[1].write.iops is not a number"},
        {"bad/folded_bad_count.folded", ":10: not a folded stack"},
    };
    for (const auto& [file, message] : cases) {
        iolab::test::TempDir dir;
        const std::string db = dir.file("runs.db").string();
        const auto result = runIolab({"import", "--db", db, fixture(file)});
        INFO(file);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::StartsWith("iolab: " + fixture(file) + message));
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        CHECK(listRuns(db).empty());
    }
}

TEST_CASE("CLI import: unknown format lists the formats tried", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto result = runIolab({"import", "--db", db, fixture("fio_warning_error.fio"),
                                  fixture("fio_trim.json"), dir.file("missing.txt").string()});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err,
               Catch::Contains("fio_warning_error.fio: unknown format (tried perf.data, "
                               "fio-json"));
    CHECK_THAT(result.err, Catch::Contains("missing.txt: no such file"));
    CHECK(listRuns(db).size() == 1); // the good file in between is imported
}

TEST_CASE("CLI export: folded, byte-identical, per event, to a file", "[cli][export]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    REQUIRE(runIolab({"import", "--db", db, fixture("known_functions.perf-script")}).exit_code ==
            0);
    const auto first = runIolab({"export", "--db", db, "1", "--format", "folded"});
    const auto second = runIolab({"export", "--db", db, "@latest"});
    CHECK(first.exit_code == 0);
    CHECK(first.out == second.out);
    CHECK(first.out == readFile(fixture("known_functions.folded.golden")));
    const auto tracepoint =
        runIolab({"export", "--db", db, "1", "--event", "syscalls:sys_enter_close"});
    // Unknown code is labelled by whose it is and never merged across processes.
    CHECK(tracepoint.out ==
          "[unknown] known functions (process) 1\n[unknown] known_functions (process) 4\n");
    const std::string out = dir.file("out.folded").string();
    CHECK(runIolab({"export", "--db", db, "1", "--output", out}).exit_code == 0);
    CHECK(readFile(out) == first.out);
    const auto none = runIolab({"export", "--db", db, "1", "--event", "cycles"});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Catch::Contains("no stack samples of event 'cycles'"));
}

TEST_CASE("CLI import: two matching formats are both named; --format chooses", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    // A perf script sample line with no stack, and a folded stack whose frame holds spaces.
    const std::string file = dir.file("both.txt").string();
    std::ofstream(file) << "java 1234 cycles: 5\n";
    const auto ambiguous = runIolab({"import", "--db", db, file});
    CHECK(ambiguous.exit_code == 2);
    CHECK(ambiguous.err == "iolab: " + file +
                               ": the input reads as perf-script or folded; choose one with "
                               "--format\n");
    CHECK(listRuns(db).empty());
    const auto folded = runIolab({"import", "--db", db, "--format", "folded", file});
    CHECK(folded.exit_code == 0);
    CHECK_THAT(folded.out, Catch::Contains("(folded, 5 samples"));
    const auto perf = runIolab({"import", "--db", db, "--format", "perf-script", file});
    CHECK(perf.exit_code == 0);
    CHECK_THAT(perf.out, Catch::Contains("(perf-script, 1 samples"));
}

TEST_CASE("CLI import: fio 2.x JSON names the fields its version lacked", "[cli][import]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto result = runIolab({"import", "--db", db, fixture("variants/fio_2_20.json")});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("(fio-json, 0 samples, 2 fio jobs)"));
    CHECK_THAT(result.out, Catch::Contains("(fio-2.20) has no bw_bytes (bw KiB/s x 1024)"));
    const auto help = runIolab({"import", "--help"});
    CHECK_THAT(help.out, Catch::Contains("opreport"));
}

TEST_CASE("CLI export: speedscope and pprof files, folded round trip", "[cli][export]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    REQUIRE(runIolab({"import", "--db", db, fixture("known_functions.perf-script")}).exit_code ==
            0);
    const std::string speedscope = dir.file("run.speedscope.json").string();
    REQUIRE(runIolab({"export", "--db", db, "1", "--format", "speedscope", "--output", speedscope})
                .exit_code == 0);
    const nlohmann::json file = nlohmann::json::parse(readFile(speedscope));
    std::uint64_t cpu = 0;
    for (const auto& profile : file.at("profiles")) {
        if (profile.at("name") == "cpu-clock") {
            cpu = profile.at("endValue").get<std::uint64_t>();
        }
    }
    CHECK(cpu == 93ULL * 5025125); // awk '/cpu-clock:/{n++}' -> 93 samples of period 5025125
    const std::string pprof = dir.file("run.pb.gz").string();
    REQUIRE(
        runIolab({"export", "--db", db, "1", "--format", "pprof", "--output", pprof}).exit_code ==
        0);
    const auto raw = runCommand({"sh", "-c", "gzip -dc '" + pprof + "' | protoc --decode_raw"});
    CHECK(raw.exit_code == 0);
    CHECK_THAT(raw.out, Catch::Contains("\"cpu-clock\""));
    const auto wrongEvent =
        runIolab({"export", "--db", db, "1", "--format", "pprof", "--event", "cpu-clock"});
    CHECK(wrongEvent.exit_code == 2);

    // folded -> import -> folded: the same bytes.
    const std::string folded = dir.file("run.folded").string();
    REQUIRE(runIolab({"export", "--db", db, "1", "--output", folded}).exit_code == 0);
    REQUIRE(runIolab({"import", "--db", db, folded}).exit_code == 0);
    const auto again = runIolab({"export", "--db", db, "2"});
    CHECK(again.exit_code == 0);
    CHECK(again.out == readFile(folded));
}
