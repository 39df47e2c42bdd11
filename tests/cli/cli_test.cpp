#include "analyzer/store/store.h"
#include "tests/support/run_command.h"
#include "tests/support/sample_record.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

using iolab::test::runCommand;
using iolab::test::runIolab;

namespace {

bool isOneLine(const std::string& text) {
    return !text.empty() && text.find('\n') == text.size() - 1;
}

} // namespace

TEST_CASE("CLI: --help lists the commands and exits 0", "[cli]") {
    const auto result = runIolab({"--help"});
    CHECK(result.exit_code == 0);
    for (const char* name :
         {"list", "show", "rm", "db", "diff", "report", "record", "import", "export", "gui"}) {
        CHECK_THAT(result.out, Catch::Contains(name));
        // Each command has its own help, which names it.
        const auto help = runIolab({name, "--help"});
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.out, Catch::Contains(name));
    }
}

TEST_CASE("CLI: readers never create a database: a missing file is an input error", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("typo.db").string();
    const std::vector<std::vector<std::string>> readers{
        {"list", "--db", db},
        {"show", "--db", db, "@latest"},
        {"diff", "--db", db, "1", "2"},
        {"report", "--db", db, "--baseline", "1", "--candidate", "2"},
        {"export", "--db", db, "1"},
        {"db", "check", "--db", db},
        {"gui", db}};
    for (const auto& reader : readers) {
        INFO(reader.front());
        const auto result = runIolab(reader);
        CHECK(result.exit_code == 2);
        CHECK(isOneLine(result.err));
        CHECK_THAT(result.err, Catch::Contains(db + ": no such database"));
        CHECK(!std::filesystem::exists(db));
    }
}

TEST_CASE("CLI: list, show and rm work on an existing file", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    {
        iolab::store::Store store(db);
        store.writeRun(iolab::test::sampleRecord("baseline"));
        store.writeRun(iolab::test::sampleRecord("candidate"));
    }
    const auto list = runIolab({"list", "--json", "--db", db});
    REQUIRE(list.exit_code == 0);
    const auto runs = nlohmann::json::parse(list.out);
    REQUIRE(runs.size() == 2);
    CHECK(runs[1]["name"] == "candidate");
    CHECK(runs[0]["tags"] == nlohmann::json::array({"baseline", "patch-v2"}));

    const auto show = runIolab({"show", "baseline", "--db", db});
    CHECK(show.exit_code == 0);
    CHECK_THAT(show.out, Catch::Contains("randread") && Catch::Contains("block.device_ns"));

    const auto showJson = runIolab({"show", "@latest", "--json", "--db", db});
    REQUIRE(showJson.exit_code == 0);
    CHECK(nlohmann::json::parse(showJson.out)["run"]["name"] == "candidate");

    CHECK(runIolab({"rm", "candidate", "--db", db}).exit_code == 0);
    CHECK(nlohmann::json::parse(runIolab({"list", "--json", "--db", db}).out).size() == 1);
}

TEST_CASE("CLI: an unknown run is an input error with one line", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    { iolab::store::Store store(db); }
    const auto result = runIolab({"show", "nope", "--db", db});
    CHECK(result.exit_code == 2);
    CHECK(isOneLine(result.err));
    CHECK_THAT(result.err, Catch::StartsWith("iolab: ") && Catch::Contains("no run 'nope'"));
    CHECK(runIolab({"rm", "nope", "--db", db}).exit_code == 2);
}

TEST_CASE("CLI: a bad option or a missing command is a usage error", "[cli]") {
    const auto bad = runIolab({"list", "--no-such-option"});
    CHECK(bad.exit_code == 2);
    CHECK(isOneLine(bad.err));
    CHECK(runIolab({}).exit_code == 2);
}

TEST_CASE("CLI: a newer or foreign database is refused with exit 2", "[cli]") {
    iolab::test::TempDir dir;
    const std::string text = dir.file("notes.txt").string();
    std::ofstream(text) << "plain text, not a database at all, long enough to be read\n";
    const auto result = runIolab({"list", "--db", text});
    CHECK(result.exit_code == 2);
    CHECK(isOneLine(result.err));
    CHECK_THAT(result.err, Catch::Contains("not an iolab database"));
}

TEST_CASE("CLI: an unwritable location is a system error with exit 3", "[cli]") {
    const auto result = runIolab(
        {"import", "--db", "/proc/iolab-cannot-exist/x.db",
         std::string(IOLAB_SOURCE_DIR) + "/tests/data/import/known_functions.folded.golden"});
    CHECK(result.exit_code == 3);
    CHECK(isOneLine(result.err));
}

TEST_CASE("CLI: show --slowest lists the run's slowest IOs with their phases and stacks", "[cli]") {
    iolab::test::TempDir dir;
    const std::string db = dir.file("runs.db").string();
    const auto written = iolab::test::sampleRecord();
    { iolab::store::Store(db).writeRun(written); }

    const auto text = runIolab({"show", "--slowest", "--db", db});
    REQUIRE(text.exit_code == 0);
    // The table (one row per IO, Q2C then the phases; "-" for a phase not seen), then the
    // submitters, outermost frame first.
    CHECK_THAT(text.out, Catch::Contains("the 2 slowest IOs"));
    CHECK_THAT(
        text.out,
        Catch::Matches(
            R"((.|\n)*1 +loop0 +read +2048 +4\.0KiB +900\.0µs +600\.0µs +2\.00µs +1\.00µs +297\.0µs +4242 +fio\n(.|\n)*)"));
    CHECK_THAT(
        text.out,
        Catch::Matches(
            R"((.|\n)*2 +loop0 +write +8 +128\.0KiB +500\.0µs +1\.50µs +- +- +498\.5µs +77 +kworker/u8:1\n(.|\n)*)"));
    CHECK_THAT(text.out,
               Catch::Contains(
                   "    user stack:\n      main  /usr/bin/fio\n      io_submit  libaio.so.1\n"));

    const auto json = runIolab({"show", "--slowest", "--json", "--db", db});
    REQUIRE(json.exit_code == 0);
    const auto ios = nlohmann::json::parse(json.out)["slowest_ios"];
    REQUIRE(ios.size() == written.slow_ios.size());
    CHECK(ios[0]["q2c_ns"] == 900'000);
    CHECK(ios[0]["d2c_ns"] == 297'000);
    CHECK(ios[0]["sector"] == 2048);
    CHECK(ios[0]["kernel_stack"][1]["symbol"] == "submit_bio");
    CHECK(ios[1]["g2i_ns"].is_null());
    CHECK(ios[1]["process"] == "kworker/u8:1");
    CHECK(ios[1]["user_stack"].empty());
}
