#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>

using namespace iolab;
using namespace iolab::test;

TEST_CASE("record: bad command lines are input errors and write nothing", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TempDir dir;
    const auto db = dir.file("runs.db").string();

    auto unknown = runCommand({iolabBinary(), "record", "-o", db, "--probe", "nope", "--", "true"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("unknown probe 'nope' (known: ") != std::string::npos);
    CHECK(unknown.err.find("block") != std::string::npos);

    auto nothing = runCommand({iolabBinary(), "record", "-o", db});
    CHECK(nothing.exit_code == 2);
    CHECK(nothing.err.find("-- CMD..., -p PID, -a") != std::string::npos);

    auto both = runCommand({iolabBinary(), "record", "-o", db, "-a", "--", "true"});
    CHECK(both.exit_code == 2);
    CHECK(!std::filesystem::exists(db));
}

TEST_CASE("record: without privileges it says what is missing and exits 3", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TempDir dir;
    const auto db = dir.file("runs.db").string();
    // setpriv drops to nobody with no capabilities, as an ordinary user would run it.
    auto result = runCommand({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                              "--inh-caps=-all", iolabBinary(), "record", "-o", db, "--", "true"});
    CHECK(result.exit_code == 3);
    CHECK(result.err.find("run as root") != std::string::npos);
    CHECK(result.err.find("CAP_BPF") != std::string::npos);
    CHECK(!std::filesystem::exists(db));
}

TEST_CASE("record: the workload's exit code is iolab's and a failed run is kept",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TempDir dir;
    const auto db = dir.file("runs.db").string();
    auto result = runCommand(
        {iolabBinary(), "record", "-o", db, "--probe", "block", "--", "sh", "-c", "exit 7"});
    CHECK(result.exit_code == 7);
    CHECK(result.out.find("[failed]") != std::string::npos);
}

TEST_CASE("record: fio's own JSON output is imported, other output is said to be left out",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TempDir dir;
    const auto db = dir.file("runs.db").string();
    const std::vector<std::string> fio{
        "fio",       "--name=own", "--filename=" + dir.file("data").string(),
        "--size=4m", "--rw=read",  "--bs=4k"};

    auto json = fio;
    json.insert(json.end(), {"--output-format=json", "--output", dir.file("mine.json").string()});
    std::vector<std::string> command{iolabBinary(), "record", "-o", db, "--probe", "block", "--"};
    command.insert(command.end(), json.begin(), json.end());
    const auto recorded = runCommand(command);
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    CHECK(std::filesystem::exists(dir.file("mine.json")));
    const RunRecord run = onlyRun(db);
    REQUIRE(run.fio_jobs.size() == 1);
    CHECK(run.fio_jobs.front().ios == 1024);

    auto text = fio;
    text.push_back("--output=" + dir.file("mine.txt").string());
    std::vector<std::string> again{iolabBinary(), "record", "-o", dir.file("text.db").string(),
                                   "--probe",     "block",  "--"};
    again.insert(again.end(), text.begin(), text.end());
    const auto plain = runCommand(again);
    CHECK(plain.exit_code == 0);
    CHECK(plain.err.find("fio's results will not be in the run") != std::string::npos);
    CHECK(onlyRun(dir.file("text.db")).fio_jobs.empty());
}
