#include "analyzer/errors.h"
#include "analyzer/importers/opreport_text.h"
#include "tests/analyzer/opreport/opreport_fixture.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>

using iolab::FrameKind;
using iolab::importers::Detection;
using iolab::importers::OpreportTextImporter;
using iolab::test::edgeCount;
using iolab::test::findFrame;
using iolab::test::importFixture;
using iolab::test::selfSamples;

namespace {

constexpr const char* kCycles = "CPU_CLK_UNHALTED";
constexpr const char* kLlc = "LLC_MISSES";

std::uint64_t eventTotal(const iolab::StackProfile& profile, const std::string& event) {
    std::uint64_t total = 0;
    for (const auto& sample : profile.samples) {
        total += sample.event == event ? sample.count : 0;
    }
    return total;
}

std::string importError(const std::string& fixture) {
    try {
        importFixture(OpreportTextImporter{}, fixture);
    } catch (const iolab::InputError& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("opreport -c: lock_conflict in foo.ko keeps its counts for both events",
          "[importers][opreport]") {
    const auto record = importFixture(OpreportTextImporter{}, "callgraph_lock_conflict.txt");
    const auto& profile = record.profile;
    CHECK(eventTotal(profile, kCycles) == 10065);
    CHECK(eventTotal(profile, kLlc) == 973);
    CHECK(selfSamples(profile, "lock_conflict", kCycles) == 2013);
    CHECK(selfSamples(profile, "lock_conflict", kLlc) == 412);
    CHECK(selfSamples(profile, "native_queued_spin_lock_slowpath", kCycles) == 1500);
    CHECK(selfSamples(profile, "native_queued_spin_lock_slowpath", kLlc) == 95);
    CHECK(selfSamples(profile, "foo_submit_bio", kCycles) == 900);
    CHECK(selfSamples(profile, "main", kLlc) == 1);

    const auto* lock = findFrame(profile, "lock_conflict");
    REQUIRE(lock != nullptr);
    CHECK(lock->module == "foo.ko");
    CHECK(lock->kind == FrameKind::Module);
    CHECK(findFrame(profile, "memcpy_erms")->kind == FrameKind::Kernel);
    CHECK(findFrame(profile, "td_io_queue")->kind == FrameKind::User);

    // Each arc once, although opreport prints it in the caller's and the callee's block.
    CHECK(edgeCount(profile, "foo_make_request", "lock_conflict", kCycles) == 3513);
    CHECK(edgeCount(profile, "foo_make_request", "lock_conflict", kLlc) == 507);
    CHECK(edgeCount(profile, "lock_conflict", "native_queued_spin_lock_slowpath", kCycles) == 1500);
    CHECK(edgeCount(profile, "foo_submit_bio", "foo_make_request", kLlc) == 668);
    CHECK(edgeCount(profile, "foo_submit_bio", "foo_submit_bio", kCycles) == 12);
    CHECK(edgeCount(profile, "td_io_queue", "(no symbols)", kCycles) == 300);
    // [self] lines are the entry's own samples, not an arc.
    CHECK(edgeCount(profile, "lock_conflict", "lock_conflict", kCycles) == 0);
    CHECK(edgeCount(profile, "main", "td_io_queue", kLlc) == 972);
    CHECK(profile.edges.size() == 34); // 17 arcs with counts for both events

    for (const auto& sample : profile.samples) {
        CHECK(sample.process == "fio");
    }
    CHECK(record.run.metadata.at("cpu") ==
          "Intel Skylake microarchitecture, speed 2400 MHz (estimated)");
    CHECK(record.run.metadata.at("event.LLC_MISSES.unit_mask") == "0x41 (No unit mask)");
    CHECK(record.run.metadata.at("event.LLC_MISSES.count") == "6000");
    CHECK(record.run.metadata.at("event.CPU_CLK_UNHALTED.description") ==
          "Clock cycles when not halted");
}

TEST_CASE("opreport -c: anonymous image names keep their spaces", "[importers][opreport]") {
    const auto record = importFixture(OpreportTextImporter{}, "callgraph_lock_conflict.txt");
    const auto* anon = findFrame(record.profile, "(no symbols)");
    REQUIRE(anon != nullptr);
    CHECK(anon->module == "anon (tgid:10014 range:0x100000-0x103000)");
    CHECK(anon->kind == FrameKind::User);
    bool found = false;
    for (const auto& sample : record.profile.samples) {
        if (sample.pid == 10014) {
            found = true;
            CHECK(sample.count == (sample.event == kCycles ? 300u : 10u));
        }
    }
    CHECK(found);
}

TEST_CASE("opreport -l: one event without app name", "[importers][opreport]") {
    const auto record = importFixture(OpreportTextImporter{}, "symbols_one_event.txt");
    const auto& profile = record.profile;
    CHECK(profile.edges.empty());
    CHECK(eventTotal(profile, kCycles) == 9910);
    CHECK(selfSamples(profile, "copy_user_enhanced_fast_string", kCycles) == 5120);
    CHECK(selfSamples(profile, "ExecInterpExpr", kCycles) == 3);
    const auto* loop = findFrame(profile, "lo_rw_aio");
    REQUIRE(loop != nullptr);
    CHECK(loop->module == "/lib/modules/6.1.0-13-amd64/kernel/drivers/block/loop.ko");
    CHECK(loop->kind == FrameKind::Module);
    CHECK(findFrame(profile, "ext4_file_read_iter")->kind == FrameKind::Module);
    const auto* vdso = findFrame(profile, "(no symbols)");
    REQUIRE(vdso != nullptr);
    CHECK(vdso->module == "vdso (tgid:4242 range:0x7ffd1000-0x7ffd2fff)");
    for (const auto& sample : profile.samples) {
        CHECK(sample.process.empty());
    }
}

TEST_CASE("opreport -l: two events with app name", "[importers][opreport]") {
    const auto record = importFixture(OpreportTextImporter{}, "symbols_two_events_app.txt");
    const auto& profile = record.profile;
    CHECK(eventTotal(profile, kCycles) == 18602);
    CHECK(eventTotal(profile, kLlc) == 1165);
    const std::string push = "std::vector<int, std::allocator<int> >::push_back(int const&)";
    CHECK(selfSamples(profile, push, kCycles) == 800);
    CHECK(selfSamples(profile, push, kLlc) == 2);
    CHECK(findFrame(profile, push)->module == "libstdc++.so.6.0.30");
    CHECK(selfSamples(profile, "nvme_queue_rq", kCycles) == 1);
    CHECK(selfSamples(profile, "nvme_queue_rq", kLlc) == 0);
    CHECK(findFrame(profile, "nvme_queue_rq")->kind == FrameKind::Module);

    std::map<std::string, std::uint64_t> byModule;
    std::set<std::string> processes;
    for (const auto& sample : profile.samples) {
        const auto& node = profile.nodes[static_cast<std::size_t>(sample.node)];
        if (sample.event == kCycles) {
            byModule[profile.frames[static_cast<std::size_t>(node.frame)].module] += sample.count;
        }
        processes.insert(sample.process);
    }
    CHECK(byModule["anon (tgid:10014 range:0x100000-0x103000)"] == 4500);
    CHECK(byModule["java (deleted)"] == 1200);
    CHECK(processes == std::set<std::string>{"java", "java (deleted)", "kafka-proxy"});
}

TEST_CASE("opreport text: detection", "[importers][opreport]") {
    const OpreportTextImporter importer;
    const std::string file =
        iolab::test::readFile(iolab::test::opreportFixture("callgraph_lock_conflict.txt"));
    CHECK(importer.detect(file) == Detection::Yes);
    CHECK(importer.detect(file.substr(0, 60)) == Detection::NeedMore);
    CHECK(importer.detect(file.substr(0, file.find("samples"))) == Detection::NeedMore);
    CHECK(importer.detect("main;read;copy 5\n") == Detection::No);
    CHECK(importer.detect("fio 1234 [000] 100.0: cpu-clock:\n") == Detection::No);
    CHECK(importer.detect("<?xml version=\"1.0\" ?>\n") == Detection::No);
}

TEST_CASE("opreport text: malformed and truncated files name file and line",
          "[importers][opreport]") {
    CHECK(importError("bad/callgraph_truncated.txt") ==
          "bad/callgraph_truncated.txt:9: the last call-graph block is not closed by a separator "
          "line (truncated file?)");
    CHECK(importError("bad/callgraph_cut_line.txt") ==
          "bad/callgraph_cut_line.txt:9: line ends before its sample columns do (expected 4 "
          "numbers)");
    CHECK(importError("bad/callgraph_missing_separator.txt") ==
          "bad/callgraph_missing_separator.txt:11: a second unindented entry line in one "
          "call-graph block (missing separator?)");
    CHECK(importError("bad/symbols_bad_count.txt") ==
          "bad/symbols_bad_count.txt:6: '15x0' is not a sample count");
    CHECK(importError("bad/symbols_event_mismatch.txt") ==
          "bad/symbols_event_mismatch.txt:4: the header has 1 samples columns but 2 'Counted' "
          "event lines precede it");
}

TEST_CASE("opreport text: a file without a column header", "[importers][opreport]") {
    std::istringstream in("CPU: Intel Skylake\nCounted X events (x) with a unit mask of 0x00 "
                          "(No unit mask) count 1\n");
    iolab::RunRecord record;
    CHECK_THROWS_WITH(OpreportTextImporter{}.import({in, "head.txt"}, record),
                      "head.txt:2: no opreport column header (\"samples  %  ...  symbol name\") "
                      "found: iolab reads the output of opreport -l, -c and --xml");
}

TEST_CASE("opreport text: columns come from the header, not from spaces", "[importers][opreport]") {
    // An image name with a plain space that fits its column, and one overflowing its column.
    std::istringstream in(
        "samples  %        image name               app name                 symbol name\n"
        "10       50.0000  my tool                  my tool                  do work(int, long)\n"
        "10       50.0000  /opt/some/long/path/libfast.so my tool                  hot path\n");
    iolab::RunRecord record;
    OpreportTextImporter{}.import({in, "spaces.txt"}, record);
    const auto& profile = record.profile;
    REQUIRE(profile.frames.size() == 2);
    CHECK(profile.frames[0].module == "my tool");
    CHECK(profile.frames[0].symbol == "do work(int, long)");
    CHECK(profile.frames[1].module == "/opt/some/long/path/libfast.so");
    CHECK(profile.frames[1].symbol == "hot path");
    CHECK(profile.samples[1].process == "my tool");
    CHECK(profile.samples[0].event == "samples");
}

TEST_CASE("opreport text: vma column, overflowing counts, tiny percentages",
          "[importers][opreport]") {
    std::istringstream in(
        "vma      samples  %        image name               symbol name\n"
        "c01a2b30 12345678 99.9999  vmlinux                  do_idle\n"
        "c01a2c00 3        2.4e-04  vmlinux                  cpu_startup_entry\n");
    iolab::RunRecord record;
    OpreportTextImporter{}.import({in, "vma.txt"}, record);
    CHECK(selfSamples(record.profile, "do_idle", "samples") == 12345678);
    CHECK(selfSamples(record.profile, "cpu_startup_entry", "samples") == 3);
    std::istringstream bad("vma      samples  %        image name               symbol name\n"
                           "nothex   3        2.4e-04  vmlinux                  f\n");
    CHECK_THROWS_WITH(OpreportTextImporter{}.import({bad, "vma.txt"}, record),
                      "vma.txt:2: expected a hexadecimal address in the vma column");
}

TEST_CASE("opreport -c: deeper indentation, no image column, (no symbols) [self]",
          "[importers][opreport]") {
    // Older opreport versions print an app name column alone, and indent by three spaces.
    std::istringstream in(
        "CPU: P4 / Xeon, speed 2793.41 MHz (estimated)\n"
        "Counted GLOBAL_POWER_EVENTS events (time during which processor is not stopped) with "
        "a unit mask of 0x01 (mandatory) count 240000\n"
        "samples  %        app name                 symbol name\n"
        "-------------------------------------------------------------------------------\n"
        "23456789 81.0000  libz.so.1                (no symbols)\n"
        "   23456789 100.000  libz.so.1                (no symbols) [self]\n"
        "-------------------------------------------------------------------------------\n"
        "   5500000  100.000  ocfs2.ko                 ocfs2_lookup\n"
        "5500000  18.9999  ocfs2.ko                 dlm_lookup_lockres\n"
        "   5500000  100.000  ocfs2.ko                 dlm_lookup_lockres [self]\n"
        "-------------------------------------------------------------------------------\n");
    iolab::RunRecord record;
    OpreportTextImporter{}.import({in, "old.txt"}, record);
    const auto& profile = record.profile;
    CHECK(selfSamples(profile, "(no symbols)", "GLOBAL_POWER_EVENTS") == 23456789);
    CHECK(selfSamples(profile, "dlm_lookup_lockres", "GLOBAL_POWER_EVENTS") == 5500000);
    CHECK(edgeCount(profile, "ocfs2_lookup", "dlm_lookup_lockres", "GLOBAL_POWER_EVENTS") ==
          5500000);
    CHECK(profile.edges.size() == 1);
    CHECK(findFrame(profile, "dlm_lookup_lockres")->kind == FrameKind::Module);
    CHECK(findFrame(profile, "(no symbols)")->module == "libz.so.1");
    CHECK(record.run.metadata.at("event.GLOBAL_POWER_EVENTS.unit_mask") == "0x01 (mandatory)");
}

TEST_CASE("opreport text: two counters of one event keep separate samples",
          "[importers][opreport]") {
    std::istringstream in(
        "Counted L2_RQSTS events (L2 requests) with a unit mask of 0x01 (demand) count 10000\n"
        "Counted L2_RQSTS events (L2 requests) with a unit mask of 0x02 (prefetch) count 10000\n"
        "samples  %        samples  %        image name               symbol name\n"
        "7        70.0000  1        10.0000  app                      scan\n");
    iolab::RunRecord record;
    OpreportTextImporter{}.import({in, "masks.txt"}, record);
    CHECK(selfSamples(record.profile, "scan", "L2_RQSTS:0x01") == 7);
    CHECK(selfSamples(record.profile, "scan", "L2_RQSTS:0x02") == 1);
}
