#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>

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
