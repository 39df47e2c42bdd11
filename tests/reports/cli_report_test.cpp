#include "analyzer/store/store.h"
#include "tests/reports/report_fixture.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

using iolab::test::runCommand;

namespace {

struct Fixture {
    iolab::test::TempDir dir;
    std::string db = dir.file("iolab.db").string();
    Fixture() {
        iolab::store::Store store(db);
        iolab::test::writeReportFixtures(store);
    }
    iolab::test::CommandResult iolab(std::vector<std::string> args) const {
        args.insert(args.begin(), iolab::test::iolabBinary());
        args.insert(args.end(), {"--db", db});
        return runCommand(args);
    }
};

bool oneLine(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

} // namespace

TEST_CASE("iolab diff: a regression exits 1 and names the job and the drop", "[cli][reports]") {
    Fixture f;
    const auto result = f.iolab({"diff", "tag:baseline", "tag:candidate"});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out, Catch::Contains("REGRESSION: randread/read IOPS -30.0%"));
    CHECK_THAT(result.out, Catch::Contains("randread/read  IOPS"));
    CHECK_THAT(result.out, Catch::Contains("_raw_spin_lock"));
    CHECK_THAT(result.out, Catch::Contains("warning: environment differs: kernel"));

    const auto same = f.iolab({"diff", "series:base", "series:same"});
    CHECK(same.exit_code == 0);
    CHECK_THAT(same.out, Catch::Contains("no regression"));

    const auto json = f.iolab({"diff", "--json", "base-1", "slow-1"});
    CHECK(json.exit_code == 1);
    const auto parsed = nlohmann::json::parse(json.out);
    CHECK(parsed["significance_judged"] == false);
    CHECK(parsed["verdict"] == "regression");
}

TEST_CASE("iolab diff: thresholds from the command line", "[cli][reports]") {
    Fixture f;
    CHECK(f.iolab({"diff", "tag:baseline", "tag:candidate", "--threshold", "60%"}).exit_code == 0);
    const auto perMetric = f.iolab(
        {"diff", "tag:baseline", "tag:candidate", "--threshold", "60%", "--metric", "iops=10%"});
    CHECK(perMetric.exit_code == 1);
    CHECK_THAT(perMetric.out, Catch::Contains("REGRESSION: randread/read IOPS"));
}

TEST_CASE("iolab diff and report: bad input exits 2 with one line", "[cli][reports]") {
    Fixture f;
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"diff", "nope", "base-1"},
             {"diff", "base-1", "tag:nope"},
             {"diff", "base-1", "base-2", "--threshold", "lots"},
             {"diff", "base-1", "base-2", "--metric", "iops"},
             {"report", "--baseline", "base-1", "--candidate", "base-2", "--format", "pdf"},
             {"report", "--baseline", "base-1"}}) {
        const auto result = f.iolab(args);
        INFO(args[1] << " " << args[2] << ": " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(oneLine(result.err));
        CHECK(result.out.empty());
    }
}

TEST_CASE("iolab report: writes the file and exits with the verdict", "[cli][reports]") {
    Fixture f;
    const auto junit = f.dir.file("report.xml");
    const auto result = f.iolab({"report", "--baseline", "tag:baseline", "--candidate",
                                 "tag:candidate", "--format", "junit", "-o", junit.string()});
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("REGRESSION: randread/read IOPS -30.0%"));
    REQUIRE(std::filesystem::exists(junit));
    CHECK_FALSE(std::filesystem::exists(junit.string() + ".tmp"));
    const auto valid =
        runCommand({"xmllint", "--noout", "--schema",
                    IOLAB_SOURCE_DIR "/tests/data/reports/junit.xsd", junit.string()});
    CHECK(valid.exit_code == 0);

    const auto markdown = f.iolab(
        {"report", "--baseline", "tag:baseline", "--candidate", "tag:same", "--format", "md"});
    CHECK(markdown.exit_code == 0);
    CHECK_THAT(markdown.out, Catch::StartsWith("## iolab: ✅ no regression"));

    const auto bad = f.dir.file("bad.html");
    CHECK(f.iolab({"report", "--baseline", "nope", "--candidate", "tag:same", "--format", "html",
                   "-o", bad.string()})
              .exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(bad));
}
