#include "analyzer/analysis/selection.h"
#include "analyzer/queries/compare_runs.h"
#include "reports/report.h"
#include "reports/verdict.h"
#include "tests/reports/report_fixture.h"
#include "tests/support/golden.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using iolab::reports::ReportFormat;

namespace {

iolab::Comparison compareFixtures(const std::string& baseline, const std::string& candidate,
                                  iolab::test::TempDir& dir) {
    iolab::store::Store store(dir.file("iolab.db"));
    iolab::test::writeReportFixtures(store);
    return iolab::queries::compareSelections(store, iolab::queries::selectRuns(store, baseline),
                                             iolab::queries::selectRuns(store, candidate));
}

std::string rendered(ReportFormat format, const iolab::Comparison& comparison) {
    return iolab::test::normaliseReport(
        iolab::reports::render(format, comparison, iolab::reports::currentContext()));
}

struct Case {
    const char* name;
    const char* baseline;
    const char* candidate;
};

const Case kCases[] = {{"regression", "tag:baseline", "tag:candidate"},
                       {"same", "series:base", "series:same"},
                       {"single", "base-1", "same-2"}};

} // namespace

TEST_CASE("reports: every format matches its golden file", "[reports]") {
    const std::pair<ReportFormat, const char*> formats[] = {{ReportFormat::Markdown, "md"},
                                                            {ReportFormat::Html, "html"},
                                                            {ReportFormat::Junit, "xml"},
                                                            {ReportFormat::Json, "json"}};
    for (const Case& c : kCases) {
        iolab::test::TempDir dir;
        const auto comparison = compareFixtures(c.baseline, c.candidate, dir);
        for (const auto& [format, extension] : formats) {
            const std::string name = std::string(c.name) + "." + extension + ".golden";
            INFO(name);
            CHECK(iolab::test::checkGolden("tests/data/reports/" + name,
                                           rendered(format, comparison)) == "");
        }
    }
}

TEST_CASE("reports: the verdict names the job and the size of the drop", "[reports]") {
    iolab::test::TempDir dir;
    const auto comparison = compareFixtures("tag:baseline", "tag:candidate", dir);
    const auto verdict = iolab::reports::judge(comparison);
    CHECK(verdict.regression);
    CHECK(verdict.exit_code == 1);
    CHECK_THAT(verdict.headline, Catch::StartsWith("REGRESSION: randread/read"));
    CHECK_THAT(verdict.headline, Catch::Contains("-30.0%"));
    const auto markdown = iolab::reports::renderMarkdown(comparison, {});
    CHECK_THAT(markdown, Catch::Contains("| randread/read | IOPS | 100.0k ± 791 | 70.0k ± 381"));
    CHECK_THAT(markdown, Catch::Contains("environment differs: kernel"));
    // A GitHub step summary takes up to 1 MiB; a comparison should be far below.
    CHECK(markdown.size() < 16 * 1024);

    const auto json = nlohmann::ordered_json::parse(iolab::reports::renderJson(comparison, {}));
    CHECK(json["verdict"] == "regression");
    CHECK(json.begin().key() == "generator");
    CHECK(json["metrics"][0]["metric"] == "iops");
    CHECK(json["metrics"][0]["baseline"]["n"] == 5);

    iolab::test::TempDir other;
    const auto same = compareFixtures("tag:baseline", "tag:same", other);
    CHECK_FALSE(iolab::reports::judge(same).regression);
    CHECK(iolab::reports::judge(same).exit_code == 0);
}

TEST_CASE("reports: JUnit output is valid against the JUnit schema", "[reports]") {
    for (const Case& c : kCases) {
        iolab::test::TempDir dir;
        const auto comparison = compareFixtures(c.baseline, c.candidate, dir);
        const auto path = dir.file("junit.xml");
        std::ofstream(path) << iolab::reports::renderJunit(comparison,
                                                           iolab::reports::currentContext());
        const auto result = iolab::test::runCommand(
            {"xmllint", "--noout", "--schema", IOLAB_SOURCE_DIR "/tests/data/reports/junit.xsd",
             path.string()});
        INFO(result.err);
        CHECK(result.exit_code == 0);
    }
}

TEST_CASE("reports: the HTML page is self-contained", "[reports]") {
    iolab::test::TempDir dir;
    const auto html =
        iolab::reports::renderHtml(compareFixtures("tag:baseline", "tag:candidate", dir), {});
    for (const char* external : {"src=", "href=", "@import", "url(", "https://"}) {
        INFO(external);
        CHECK(html.find(external) == std::string::npos);
    }
    // The only URL is the SVG namespace, which no browser fetches.
    std::size_t urls = 0;
    for (std::size_t at = html.find("http://"); at != std::string::npos;
         at = html.find("http://", at + 1)) {
        CHECK(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
        ++urls;
    }
    CHECK(urls == 3); // IOPS chart, latency chart, flame graph
}
