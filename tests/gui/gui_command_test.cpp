#include "analyzer/analysis/selection.h"
#include "analyzer/queries/compare_runs.h"
#include "reports/verdict.h"
#include "tests/gui/fixture_db.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

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

TEST_CASE("GUI and iolab diff: one selection of runs, one verdict", "[gui][cli]") {
    iolab::test::TempDir dir;
    const auto db = dir.file("iolab.db");
    iolab::test::writeFixtureDatabase(db);
    iolab::store::Store store(db, iolab::store::OpenMode::ReadOnly);
    // What a user selects by hand: both series, and the run still recording beside them.
    std::vector<iolab::Run> picked;
    for (const iolab::Run& run : store.listRuns()) {
        if (!run.series.empty() || run.status == iolab::RunStatus::Recording) {
            picked.push_back(run);
        }
    }
    const auto sides = iolab::splitSelected(picked);
    const iolab::Comparison gui =
        iolab::queries::compareSelections(store, sides.first, sides.second);
    const iolab::reports::Verdict verdict = iolab::reports::judge(gui);

    const auto result = runCommand({iolab::test::iolabBinary(), "diff", "--json", "--db",
                                    db.string(), "series:randread-base", "series:randread-patch"});
    INFO(result.err);
    REQUIRE(result.exit_code == (gui.regression() ? 1 : 0));
    const auto diff = nlohmann::json::parse(result.out);
    CHECK(diff["verdict"] == (verdict.regression ? "regression" : "no-regression"));
    CHECK(diff["headline"] == verdict.headline);
    REQUIRE(diff["metrics"].size() == gui.metrics.size());
    for (std::size_t i = 0; i < gui.metrics.size(); ++i) {
        CHECK(diff["metrics"][i]["metric"] == gui.metrics[i].metric);
        if (gui.metrics[i].change_percent) {
            CHECK(diff["metrics"][i]["change_percent"].get<double>() ==
                  Approx(*gui.metrics[i].change_percent));
        } else {
            CHECK(diff["metrics"][i]["change_percent"].is_null());
        }
    }
}
