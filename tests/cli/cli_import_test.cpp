#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using iolab::test::runCommand;

namespace {

iolab::test::CommandResult runIolab(std::vector<std::string> args) {
    args.insert(args.begin(), iolab::test::iolabBinary());
    return runCommand(args);
}

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
    CHECK(tracepoint.out == "[unknown] 5\n");
    const std::string out = dir.file("out.folded").string();
    CHECK(runIolab({"export", "--db", db, "1", "--output", out}).exit_code == 0);
    CHECK(readFile(out) == first.out);
    const auto none = runIolab({"export", "--db", db, "1", "--event", "cycles"});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.err, Catch::Contains("no stack samples of event 'cycles'"));
}
