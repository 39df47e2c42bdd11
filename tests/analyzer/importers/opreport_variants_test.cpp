// opreport text as it reaches users: pasted into blogs and mails, trimmed, with operf's
// preamble. One test per variant; the files are in tests/data/opreport/variants.
#include "analyzer/analysis/flat_profile.h"
#include "analyzer/importers/opreport_text.h"
#include "tests/analyzer/opreport/opreport_fixture.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace iolab;
using namespace iolab::importers;
using iolab::test::edgeCount;
using iolab::test::importFixture;
using iolab::test::selfSamples;

namespace {

const analysis::FlatProfileEntry* entryOf(const analysis::FlatProfile& flat,
                                          const std::string& symbol, const std::string& module) {
    for (const auto& entry : flat.entries) {
        if (entry.frame.symbol == symbol && entry.frame.module == module) {
            return &entry;
        }
    }
    return nullptr;
}

} // namespace

// The report this project started from, as a blog printed it: two events, an app name column,
// no separator lines, no "Counted" lines, columns not aligned with the header.
TEST_CASE("opreport variants: call graph without separator lines (the blog example)",
          "[importers][opreport]") {
    const RunRecord record =
        importFixture(OpreportTextImporter{}, "variants/blog_lock_conflict.txt");
    CHECK(selfSamples(record.profile, "lock_conflict", "event1") == 19951);
    CHECK(selfSamples(record.profile, "lock_conflict", "event2") == 6399);
    CHECK(selfSamples(record.profile, "prepare_to_copy", "event1") == 40503);
    CHECK(selfSamples(record.profile, "prepare_to_copy", "event2") == 19369);
    // The percentages stay as printed: 19951 is 20.5808% of the report's total.
    const analysis::FlatProfile flat = analysis::buildFlatProfile(record.profile, {"event1", {}});
    const auto* lock = entryOf(flat, "lock_conflict", "foo.ko");
    REQUIRE(lock != nullptr);
    CHECK(lock->self_percent == Approx(20.5808).margin(0.00005));
    CHECK(lock->frame.kind == FrameKind::Module);
    const auto* copy = entryOf(flat, "prepare_to_copy", "vmlinux");
    REQUIRE(copy != nullptr);
    CHECK(copy->self_percent == Approx(41.7815).margin(0.00005));
    CHECK(copy->frame.kind == FrameKind::Kernel);
}

// The same call graph with and without its separator lines gives the same profile: callee
// percentages of an entry add up to 100, so the callers of the next entry are told apart.
TEST_CASE("opreport variants: separator lines removed from opreport -c", "[importers][opreport]") {
    const std::string text =
        iolab::test::readFile(iolab::test::opreportFixture("callgraph_lock_conflict.txt"));
    std::istringstream lines(text);
    std::string dashless;
    for (std::string line; std::getline(lines, line);) {
        if (line.find_first_not_of('-') != std::string::npos) {
            dashless += line + "\n";
        }
    }
    REQUIRE(dashless.size() < text.size());
    std::istringstream withDashes(text);
    std::istringstream withoutDashes(dashless);
    RunRecord expected;
    RunRecord actual;
    OpreportTextImporter{}.import({withDashes, "with.txt"}, expected);
    OpreportTextImporter{}.import({withoutDashes, "without.txt"}, actual);
    CHECK(actual.profile == expected.profile);
    CHECK(edgeCount(actual.profile, "foo_submit_bio", "lock_conflict", "CPU_CLK_UNHALTED") == 0);
    CHECK(edgeCount(actual.profile, "foo_make_request", "lock_conflict", "CPU_CLK_UNHALTED") ==
          3513);
}

// operf's preamble (a throttling warning over several lines), a header and rows separated by
// tabs, rows cut off with "...", one symbol name in two images and twice in one image.
TEST_CASE("opreport variants: operf preamble, tabs, '...', shared symbol names",
          "[importers][opreport]") {
    const OpreportTextImporter importer;
    const std::string text =
        iolab::test::readFile(iolab::test::opreportFixture("variants/operf_trimmed_tabs.txt"));
    CHECK(importer.detect(text) == Detection::Yes);
    const RunRecord record = importFixture(importer, "variants/operf_trimmed_tabs.txt");
    const analysis::FlatProfile flat =
        analysis::buildFlatProfile(record.profile, {"CPU_CLK_UNHALTED", {}});
    // 5000 samples are 50.0000%: the report counted 10000, of which it listed 9000.
    CHECK(flat.total == 10000);
    CHECK(record.run.metadata.at("event.CPU_CLK_UNHALTED.report_total") == "10000");
    CHECK(record.run.metadata.at("opreport.elided_lines") == "1");
    const auto* unlisted = entryOf(flat, "[not in the report]", "");
    REQUIRE(unlisted != nullptr);
    CHECK(unlisted->self == 1000);
    const auto* libcCopy = entryOf(flat, "memcpy", "libc.so.6");
    const auto* kernelCopy = entryOf(flat, "memcpy", "vmlinux");
    REQUIRE(libcCopy != nullptr);
    REQUIRE(kernelCopy != nullptr);
    CHECK(libcCopy->self == 2000);
    CHECK(libcCopy->self_percent == Approx(20.0));
    CHECK(kernelCopy->self == 1000);
    CHECK(kernelCopy->frame.kind == FrameKind::Kernel);
    const auto* first = entryOf(flat, "clear_page_erms", "vmlinux");
    const auto* second = entryOf(flat, "clear_page_erms #2", "vmlinux");
    REQUIRE(first != nullptr);
    REQUIRE(second != nullptr);
    CHECK(first->self == 600);
    CHECK(second->self == 400);
    CHECK(second->self_percent == Approx(4.0));
}

// A complete report: the listed rows are the whole total, nothing is added.
TEST_CASE("opreport variants: a complete report gets no unlisted samples",
          "[importers][opreport]") {
    const RunRecord record = importFixture(OpreportTextImporter{}, "symbols_two_events_app.txt");
    for (const Frame& frame : record.profile.frames) {
        CHECK(frame.symbol != "[not in the report]");
    }
    CHECK(record.run.metadata.count("event.CPU_CLK_UNHALTED.report_total") == 0);
}
