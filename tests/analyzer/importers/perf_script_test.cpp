#include "analyzer/errors.h"
#include "analyzer/importers/perf_script.h"
#include "import_fixture.h"

#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::importers;
using iolab::test::countWith;
using iolab::test::importFixture;
using iolab::test::importText;

namespace {

// Every cpu-clock sample in the fixtures has the period perf chose for -F 199.
constexpr std::uint64_t kPeriod199 = 5025125;

const Frame* findFrame(const StackProfile& profile, const std::string& symbol) {
    for (const Frame& frame : profile.frames) {
        if (frame.symbol == symbol) {
            return &frame;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("perf script: detection", "[importers][perf]") {
    const PerfScriptImporter importer;
    CHECK(importer.detect("known_functions 15437/15437 [000]   948.8: 5025125 cpu-clock: \n"
                          "\t            1296 main+0x82 (/tmp/k)\n") == Detection::Yes);
    CHECK(importer.detect("fio  3604  2312.931769:   20408163 cpu-clock:ppp: \n\n") ==
          Detection::Yes);
    CHECK(importer.detect("known_functions 15437/15437 [000]   94") == Detection::NeedMore);
    CHECK(importer.detect("") == Detection::NeedMore);
    CHECK(importer.detect("{\n  \"fio version\" : \"fio-3.33\",\n") == Detection::No);
    CHECK(importer.detect("main;work;spin 12\nmain 3\n") == Detection::No);
    CHECK(importer.detect("\t  1296 main+0x82 (/tmp/k)\n") == Detection::No);
}

// Counts from the fixture itself, independently of iolab:
//   awk '/cpu-clock:/{n++} END{print n}' known_functions.perf-script               -> 93
//   awk '/sys_enter_close:/{n++} END{print n}' known_functions.perf-script          -> 5
//   awk 'BEGIN{RS=""} /cpu-clock:/ && /sumSquares<unsigned long>/{n++} END{print n}' -> 29
//   awk '/^[^\t]/{h=$0; f=1; next} /^\t/{if (f && h ~ /cpu-clock:/ && /spinFor/) n++; f=0}
//        END{print n}'                                                              -> 75
//   awk '/^known functions .*cpu-clock:/{n++} END{print n}'                         -> 64
//   awk '/^ *known functions .*sys_enter_close/{n++} END{print n}'                  -> 1
//   awk 'BEGIN{RS=""} /Accumulator<std::pair<int, long> >::add/{n++} END{print n}'   -> 15
TEST_CASE("perf script: known functions with call chains", "[importers][perf]") {
    const PerfScriptImporter importer;
    const RunRecord record = importFixture(importer, "known_functions.perf-script");
    const StackProfile& profile = record.profile;
    CHECK(iolab::test::counterValue(record, "import.samples", "cpu-clock") == 93);
    CHECK(iolab::test::counterValue(record, "import.samples", "syscalls:sys_enter_close") == 5);
    CHECK(countWith(profile, "cpu-clock", "sumSquares<unsigned long>") == 29 * kPeriod199);
    CHECK(countWith(profile, "cpu-clock", "(anonymous namespace)::spinFor", true) ==
          75 * kPeriod199);
    CHECK(countWith(profile, "cpu-clock", "Accumulator<std::pair<int, long> >::add") ==
          15 * kPeriod199);
    CHECK(countWith(profile, "cpu-clock", "main::{lambda(int)#1}::operator()") > 0);
    // The tracepoint has no stack and no period: each sample counts 1, on "[unknown]".
    CHECK(countWith(profile, "syscalls:sys_enter_close", "[unknown]") == 5);

    std::uint64_t spaced = 0;
    for (const Sample& sample : profile.samples) {
        CHECK(sample.pid > 0);
        if (sample.process == "known functions") {
            spaced += sample.count;
        }
    }
    CHECK(spaced == 64 * kPeriod199 + 1);

    const Frame* kernel = findFrame(profile, "ksys_write");
    REQUIRE(kernel != nullptr);
    CHECK(kernel->kind == FrameKind::Kernel);
    CHECK(kernel->module == "[kernel.kallsyms]");
    // Stacks are a prefix tree: main is always below __libc_start_call_main.
    for (const StackNode& node : profile.nodes) {
        if (profile.frames[node.frame].symbol == "main") {
            REQUIRE(node.parent != StackNode::kNoParent);
            CHECK(profile.frames[profile.nodes[node.parent].frame].symbol ==
                  "__libc_start_call_main");
        }
    }
}

// awk '/cpu-clock:/{n++} END{print n}' known_functions_flat.perf-script  -> 99
// awk '/spinFor/{n++} END{print n}' known_functions_flat.perf-script     -> 75
TEST_CASE("perf script: samples without call chains keep their one frame", "[importers][perf]") {
    const PerfScriptImporter importer;
    const RunRecord record = importFixture(importer, "known_functions_flat.perf-script");
    CHECK(iolab::test::counterValue(record, "import.samples", "cpu-clock") == 99);
    CHECK(countWith(record.profile, "cpu-clock", "(anonymous namespace)::spinFor", true) ==
          75 * kPeriod199);
    for (const StackNode& node : record.profile.nodes) {
        CHECK(node.parent == StackNode::kNoParent);
    }
}

TEST_CASE("perf script: fio with kernel stacks and [unknown] user frames", "[importers][perf]") {
    const PerfScriptImporter importer;
    const RunRecord record = importFixture(importer, "fio_randread.perf-script");
    // grep -c cpu-clock fio_randread.perf-script -> 37 (all "cpu-clock:ppp:", one event without
    // its modifiers); -F 49 gives a period of 20408163
    CHECK(iolab::test::counterValue(record, "import.samples", "cpu-clock") == 37);
    CHECK(record.run.metadata.at("perf.event.cpu-clock.spellings") == "cpu-clock:ppp");
    std::uint64_t total = 0;
    for (const Sample& sample : record.profile.samples) {
        CHECK(sample.process == "fio");
        total += sample.count;
    }
    CHECK(total == 37ULL * 20408163);
    CHECK(countWith(record.profile, "cpu-clock", "vfs_read") > 0);
    const Frame* vdso = findFrame(record.profile, "__vdso_clock_gettime");
    REQUIRE(vdso != nullptr);
    CHECK(vdso->kind == FrameKind::User);
    CHECK(vdso->module == "[vdso]");
    const Frame* fio = findFrame(record.profile, "[unknown]");
    REQUIRE(fio != nullptr);
}

TEST_CASE("perf script: a tiny literal with a module frame and a tracepoint line",
          "[importers][perf]") {
    const PerfScriptImporter importer;
    const RunRecord record =
        importText(importer, "kworker/0:1 12/12 [000] 1.000000: 250000 cpu-clock: \n"
                             "\tffffffffc0a01234 xfs_lock+0x4 ([xfs])\n"
                             "\tffffffff81000000 worker_thread+0x10 ([kernel.kallsyms])\n"
                             "\n"
                             "dd 99/99 [001] 1.5: block:block_rq_issue: 8,0 W 4096 ()\n");
    const Frame* module = findFrame(record.profile, "xfs_lock");
    REQUIRE(module != nullptr);
    CHECK(module->kind == FrameKind::Module);
    CHECK(countWith(record.profile, "cpu-clock", "worker_thread") == 250000);
    CHECK(countWith(record.profile, "block:block_rq_issue", "[unknown]") == 1);
}

TEST_CASE("perf script: malformed input names the line", "[importers][perf]") {
    const PerfScriptImporter importer;
    CHECK_THROWS_WITH(importText(importer, "a 1/1 1.0: 1 cpu-clock: \n\tgarbage here\n", "x.txt"),
                      Catch::StartsWith("x.txt:2: not a stack frame"));
    CHECK_THROWS_WITH(importText(importer, "\t  1296 main+0x82 (/tmp/k)\n", "y.txt"),
                      Catch::StartsWith("y.txt:1: stack frame outside a sample"));
    CHECK_THROWS_AS(importText(importer, "a 1/1 1.0: 1 cpu-clock: \n\nnonsense\n"), InputError);
}
