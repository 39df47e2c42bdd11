#include "tests/analyzer/opreport/opreport_fixture.h"
#include "tests/support/golden.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// `iolab import` of opreport files and the `iolab show` views over them, through the built
// program. Expected outputs are golden files under tests/data/golden; IOLAB_BLESS=1 rewrites them.

using iolab::test::runIolab;

namespace {

void checkGolden(const std::string& name, const std::string& actual) {
    CHECK(iolab::test::checkGolden("tests/data/golden/" + name, actual) == "");
}

// A database holding the import of `fixture` as a run named `name`.
struct ImportedRun {
    iolab::test::TempDir dir;
    std::string db = dir.file("runs.db").string();

    ImportedRun(const std::string& file, const std::string& name) {
        const auto result = runIolab({"import", "-o", db, "--name", name, file});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }

    iolab::test::CommandResult show(std::vector<std::string> args) const {
        args.insert(args.begin(), {"show", "-o", db});
        return runIolab(args);
    }
};

} // namespace

TEST_CASE("show --symbols of opreport -c with two events", "[cli][opreport]") {
    const ImportedRun run(iolab::test::opreportFixture("callgraph_lock_conflict.txt"), "foo");
    const auto text = run.show({"foo", "--symbols"});
    REQUIRE(text.exit_code == 0);
    checkGolden("show_symbols_lock_conflict.txt", text.out);

    const auto limited = run.show({"foo", "--symbols", "--event", "LLC_MISSES", "--limit", "3"});
    REQUIRE(limited.exit_code == 0);
    checkGolden("show_symbols_lock_conflict_llc_top3.txt", limited.out);

    const auto json = run.show({"foo", "--symbols", "--json"});
    REQUIRE(json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    REQUIRE(parsed["events"].size() == 2);
    CHECK(parsed["events"][0]["event"] == "CPU_CLK_UNHALTED");
    CHECK(parsed["events"][0]["total"] == 10065);
    const auto& top = parsed["events"][0]["symbols"][0];
    CHECK(top["symbol"] == "lock_conflict");
    CHECK(top["module"] == "foo.ko");
    CHECK(top["kind"] == "module");
    CHECK(top["self"] == 2013);
    CHECK(top["inclusive"] == 3513);
    CHECK(top["self_percent"].get<double>() == Approx(20.0));
}

// The report this project started from, pasted from a blog (no separator lines): lock_conflict
// keeps its 19,951 and 6,399 samples and the percentages the report printed.
TEST_CASE("show --symbols of the blog's opreport example", "[cli][opreport]") {
    const ImportedRun run(iolab::test::opreportFixture("variants/blog_lock_conflict.txt"), "blog");
    const auto text = run.show({"blog", "--symbols"});
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out,
               Catch::Contains("19951    20.5808  19951      20.5808  foo.ko                "
                               "   lock_conflict\n"));
    CHECK_THAT(text.out,
               Catch::Contains("6399     6.5929   6399       6.5929   foo.ko                "
                               "   lock_conflict\n"));
    CHECK_THAT(text.out, Catch::Contains("40503    41.7815"));
}

TEST_CASE("show --callgraph of opreport -c: callers, [self], callees", "[cli][opreport]") {
    const ImportedRun run(iolab::test::opreportFixture("callgraph_lock_conflict.txt"), "foo");
    const auto text = run.show({"foo", "--callgraph", "lock_conflict"});
    REQUIRE(text.exit_code == 0);
    checkGolden("show_callgraph_lock_conflict.txt", text.out);

    const auto recursive =
        run.show({"foo", "--callgraph", "foo_submit_bio", "--event", "CPU_CLK_UNHALTED"});
    REQUIRE(recursive.exit_code == 0);
    checkGolden("show_callgraph_foo_submit_bio.txt", recursive.out);

    const auto json = run.show({"foo", "--callgraph", "lock_conflict", "--json"});
    REQUIRE(json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    REQUIRE(parsed["blocks"].size() == 2);
    const auto& cycles = parsed["blocks"][0];
    CHECK(cycles["self"] == 2013);
    CHECK(cycles["callers"][0]["symbol"] == "foo_make_request");
    CHECK(cycles["callers"][0]["count"] == 3513);
    CHECK(cycles["callees"][0]["symbol"] == "native_queued_spin_lock_slowpath");
    CHECK(cycles["callees"][0]["count"] == 1500);
    CHECK(parsed["blocks"][1]["event"] == "LLC_MISSES");
    CHECK(parsed["blocks"][1]["self"] == 412);
}

TEST_CASE("show --callgraph of an absent symbol exits 2 with close matches", "[cli][opreport]") {
    const ImportedRun run(iolab::test::opreportFixture("callgraph_lock_conflict.txt"), "foo");
    const auto result = run.show({"foo", "--callgraph", "lock_conflic"});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK(result.err ==
          "iolab: no function 'lock_conflic' in this run; close matches: lock_conflict\n");
    const auto unknownEvent = run.show({"foo", "--symbols", "--event", "BR_MISP"});
    CHECK(unknownEvent.exit_code == 2);
    CHECK(unknownEvent.err == "iolab: no samples of event 'BR_MISP' in this run (events: "
                              "CPU_CLK_UNHALTED, LLC_MISSES)\n");
}

TEST_CASE("show --symbols of opreport -l with app names and of opreport --xml", "[cli][opreport]") {
    const ImportedRun flat(iolab::test::opreportFixture("symbols_two_events_app.txt"), "java");
    const auto text = flat.show({"java", "--symbols"});
    REQUIRE(text.exit_code == 0);
    checkGolden("show_symbols_two_events_app.txt", text.out);

    const ImportedRun xml(iolab::test::opreportFixture("callgraph_lock_conflict.xml"), "xml");
    const auto graph = xml.show({"xml", "--callgraph", "foo_make_request"});
    REQUIRE(graph.exit_code == 0);
    checkGolden("show_callgraph_xml_foo_make_request.txt", graph.out);
}

TEST_CASE("show --tree of stacks: top-down, depth limit, bottom-up", "[cli][opreport]") {
    const ImportedRun run(std::string(IOLAB_SOURCE_DIR) + "/tests/data/show/io_path.folded", "io");
    const auto full = run.show({"io", "--tree"});
    REQUIRE(full.exit_code == 0);
    checkGolden("show_tree_io_path.txt", full.out);
    const auto shallow = run.show({"io", "--tree", "--depth", "3"});
    REQUIRE(shallow.exit_code == 0);
    checkGolden("show_tree_io_path_depth3.txt", shallow.out);
    const auto inverted = run.show({"io", "--tree", "--bottom-up", "--depth", "2"});
    REQUIRE(inverted.exit_code == 0);
    checkGolden("show_tree_io_path_bottom_up.txt", inverted.out);

    const auto json = run.show({"io", "--tree", "--depth", "2", "--json"});
    REQUIRE(json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(json.out);
    const auto& roots = parsed["events"][0]["children"];
    REQUIRE(roots.size() == 2);
    CHECK(roots[0]["symbol"] == "fio");
    CHECK(roots[0]["total"] == 111);
    CHECK(roots[0]["children"][0]["symbol"] == "main");
    CHECK(roots[0]["children"][0]["children"].empty());
}

TEST_CASE("iolab import of malformed opreport files: FILE:LINE, exit 2, nothing written",
          "[cli][opreport]") {
    const ImportedRun run(iolab::test::opreportFixture("symbols_one_event.txt"), "good");
    const auto before = runIolab({"list", "--json", "-o", run.db});
    REQUIRE(before.exit_code == 0);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"bad/callgraph_truncated.txt",
         "callgraph_truncated.txt:9: the last call-graph block is not closed by a separator line "
         "(truncated file?)"},
        {"bad/callgraph_cut_line.txt",
         "callgraph_cut_line.txt:9: line ends before its sample columns do (expected 4 numbers)"},
        {"bad/callgraph_missing_separator.txt",
         "callgraph_missing_separator.txt:11: a second unindented entry line in one call-graph "
         "block (missing separator?)"},
        {"bad/symbols_bad_count.txt", "symbols_bad_count.txt:6: '15x0' is not a sample count"},
        {"bad/symbols_event_mismatch.txt",
         "symbols_event_mismatch.txt:4: the header has 1 samples columns but 2 'Counted' event "
         "lines precede it"},
        {"bad/xml_truncated.xml", "xml_truncated.xml:44: unclosed token"},
        {"bad/xml_unknown_idref.xml",
         "xml_unknown_idref.xml:69: symbol idref=99 has no <symboldata> entry"},
        {"bad/xml_bad_count.xml", "xml_bad_count.xml:44: '85O' is not a sample count"},
    };
    for (const auto& [fixture, message] : cases) {
        const std::string format = fixture.ends_with(".xml") ? "opreport-xml" : "opreport";
        const auto result = runIolab(
            {"import", "-o", run.db, "--format", format, iolab::test::opreportFixture(fixture)});
        INFO(fixture << ": " << result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(message));
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    }
    const auto after = runIolab({"list", "--json", "-o", run.db});
    CHECK(after.out == before.out);
}
