#include "tests/gui/fixture_db.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

using iolab::test::runCommand;

TEST_CASE("iolab gui: starts iolab-gui on the database, which saves every view", "[gui][cli]") {
    iolab::test::TempDir dir;
    iolab::test::writeFixtureDatabase(dir.file("iolab.db"));
    // No display and no platform chosen: screenshots fall back to drawing offscreen.
    for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) {
        unsetenv(name);
    }
    const auto shots = dir.file("shots");
    const auto result = runCommand({iolab::test::iolabBinary(), "gui", "--screenshots",
                                    shots.string(), "--db", dir.file("iolab.db").string()});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(std::filesystem::exists(shots / "run-flame.png"));
    CHECK(std::filesystem::exists(shots / "compare-flame.png"));
    CHECK(result.out.find("run-latency.png") != std::string::npos);
}

TEST_CASE("iolab gui: a missing or foreign file is an input error", "[gui][cli]") {
    iolab::test::TempDir dir;
    auto result = runCommand({iolab::test::iolabBinary(), "gui", dir.file("missing.db").string()});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("no such database") != std::string::npos);
    {
        std::FILE* file = std::fopen(dir.file("notes.db").c_str(), "w");
        std::fputs("plain text\n", file);
        std::fclose(file);
    }
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    result = runCommand({iolab::test::iolabBinary(), "gui", "--screenshots",
                         dir.file("shots").string(), dir.file("notes.db").string()});
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("not an iolab database") != std::string::npos);
}
