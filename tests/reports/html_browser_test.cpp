#include "analyzer/analysis/selection.h"
#include "analyzer/queries/compare_runs.h"
#include "reports/report.h"
#include "tests/reports/report_fixture.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace {

// Headless Chromium with nothing that reaches the network, so a page that tried to fetch
// anything would show it missing.
std::vector<std::string> chromium(const iolab::test::TempDir& profile) {
    return {"chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--user-data-dir=" + profile.path().string()};
}

std::filesystem::path writePage(const std::string& baseline, const std::string& candidate,
                                const std::string& name) {
    iolab::test::TempDir dir;
    iolab::store::Store store(dir.file("iolab.db"));
    iolab::test::writeReportFixtures(store);
    const auto comparison =
        iolab::queries::compareSelections(store, iolab::queries::selectRuns(store, baseline),
                                          iolab::queries::selectRuns(store, candidate));
    const auto path = std::filesystem::path(IOLAB_BINARY_DIR) / "tests/reports" / name;
    std::ofstream(path) << iolab::reports::renderHtml(comparison, iolab::reports::currentContext());
    return path;
}

bool haveChromium() {
    return iolab::test::runCommand({"sh", "-c", "command -v chromium"}).exit_code == 0;
}

} // namespace

TEST_CASE("reports: headless Chromium renders the HTML page to a screenshot",
          "[reports][browser]") {
    REQUIRE(haveChromium()); // scripts/setup installs it
    for (const auto& [baseline, candidate, name] :
         {std::tuple{"tag:baseline", "tag:candidate", "regression"},
          std::tuple{"tag:baseline", "tag:same", "same"}}) {
        const auto page = writePage(baseline, candidate, std::string(name) + ".html");
        const auto png = page.parent_path() / (std::string(name) + ".png");
        std::filesystem::remove(png);
        iolab::test::TempDir profile;
        auto argv = chromium(profile);
        argv.push_back("--screenshot=" + png.string());
        argv.push_back("--window-size=1280,2000");
        argv.push_back("file://" + page.string());
        const auto result = iolab::test::runCommand(argv);
        INFO(result.err);
        CHECK(result.exit_code == 0);
        REQUIRE(std::filesystem::exists(png));
        CHECK(std::filesystem::file_size(png) > 50'000); // a page of charts, not a blank one
    }
}

TEST_CASE("reports: the flame graph script searches and zooms in Chromium", "[reports][browser]") {
    REQUIRE(haveChromium());
    const auto page = writePage("tag:baseline", "tag:candidate", "flame.html");
    const auto dump = [&](const std::string& hash) {
        iolab::test::TempDir profile;
        auto argv = chromium(profile);
        argv.push_back("--dump-dom");
        argv.push_back("file://" + page.string() + "#" + hash);
        return iolab::test::runCommand(argv).out;
    };
    // _raw_spin_lock: 40 of 130 candidate samples; io_submit (70 + 40 + 10 + ... ) nests it.
    const std::string searched = dump("search=spin_lock");
    CHECK_THAT(searched, Catch::Contains("matched: 30.77% of candidate samples"));
    CHECK_THAT(searched, Catch::Contains("class=\"f hit\""));
    const std::string nested = dump("search=spin_lock|io_submit");
    CHECK_THAT(nested, Catch::Contains("matched: 76.92% of candidate samples"));
    // Zooming on io_submit widens it to the whole graph and hides io_getevents.
    const std::string zoomed = dump("zoom=io_submit");
    CHECK_THAT(zoomed,
               Catch::Matches(R"([\s\S]*data-n="io_getevents" style="display: none;"[\s\S]*)"));
    CHECK_THAT(
        zoomed,
        Catch::Matches(R"([\s\S]*data-n="io_submit"[^>]*>[\s\S]{0,300}?width="1200.0"[\s\S]*)"));
}
