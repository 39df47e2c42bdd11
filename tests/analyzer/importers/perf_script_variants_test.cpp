// perf script as other perf versions, options and hands write it: one test per variant. The
// files are in tests/data/import/variants (see its README for the commands that made them).
#include "analyzer/analysis/folded_export.h"
#include "analyzer/importers/perf_script.h"
#include "import_fixture.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>

using namespace iolab;
using namespace iolab::importers;
using iolab::test::countWith;
using iolab::test::importFixture;

namespace {

// dd's cpu-clock samples at -F 499.
constexpr std::uint64_t kPeriod499 = 2004008;

RunRecord importVariant(const std::string& name) {
    const PerfScriptImporter importer;
    return importFixture(importer, "variants/" + name);
}

// Folded lines of `record` as stack -> count.
std::map<std::string, std::uint64_t> foldedCounts(const RunRecord& record) {
    std::map<std::string, std::uint64_t> counts;
    std::istringstream lines(analysis::exportFolded(record.profile, {}));
    std::string line;
    while (std::getline(lines, line)) {
        const std::size_t space = line.rfind(' ');
        counts[line.substr(0, space)] = std::stoull(line.substr(space + 1));
    }
    return counts;
}

std::uint64_t total(const StackProfile& profile) {
    std::uint64_t sum = 0;
    for (const Sample& sample : profile.samples) {
        sum += sample.count;
    }
    return sum;
}

} // namespace

// expand -t 8 of dd_kernel.perf-script: the same profile, frame for frame.
TEST_CASE("perf script variants: frames indented with spaces", "[importers][perf]") {
    const RunRecord tabs = importVariant("dd_kernel.perf-script");
    const RunRecord spaces = importVariant("dd_space_indent.perf-script");
    CHECK(spaces.profile == tabs.profile);
    // awk 'BEGIN{RS=""} {n++} END{print n}' dd_space_indent.perf-script -> 24
    CHECK(total(spaces.profile) == 24 * kPeriod499);
}

// perf script -F comm,pid,event,ip,sym,dso with the frames' indentation removed: no time, no
// period (each sample counts 1), frames at the start of the line.
TEST_CASE("perf script variants: no timestamp and unindented frames", "[importers][perf]") {
    const RunRecord flat = importVariant("dd_no_time_unindented.perf-script");
    const RunRecord tabs = importVariant("dd_kernel.perf-script");
    CHECK(total(flat.profile) == 24);
    // awk 'BEGIN{RS=""} /ksys_read/{n++} END{print n}' dd_no_time_unindented.perf-script -> 5
    CHECK(countWith(flat.profile, "cpu-clock", "ksys_read") == 5);
    // The same stacks as the timed, indented file, each with one sample instead of a period.
    std::map<std::string, std::uint64_t> expected = foldedCounts(tabs);
    for (auto& [stack, count] : expected) {
        count /= kPeriod499;
    }
    CHECK(foldedCounts(flat) == expected);
}

// dd_kernel.perf-script with "[kernel.kallsyms]" renamed per sample to a vmlinux path, a
// vmlinux-VERSION debug file and "[kernel.kallsyms]_text".
TEST_CASE("perf script variants: vmlinux paths are kernel frames", "[importers][perf]") {
    const RunRecord renamed = importVariant("dd_vmlinux_path.perf-script");
    std::size_t kernelFrames = 0;
    for (const Frame& frame : renamed.profile.frames) {
        if (frame.module.find("vmlinux") != std::string::npos ||
            frame.module.starts_with("[kernel.")) {
            CHECK(frame.kind == FrameKind::Kernel);
            ++kernelFrames;
        }
    }
    CHECK(kernelFrames >= 3);
    // The folded export marks them "_[k]" exactly as for [kernel.kallsyms].
    CHECK(analysis::exportFolded(renamed.profile, {}) ==
          analysis::exportFolded(importVariant("dd_kernel.perf-script").profile, {}));
}

// perf record -e cpu-clock -e cpu-clock:u: "cpu-clock:" and "cpu-clock:u:" are one event.
TEST_CASE("perf script variants: event modifiers are one event", "[importers][perf]") {
    const RunRecord record = importVariant("inl_modifiers.perf-script");
    // awk '/cpu-clock: /{a++} /cpu-clock:u: /{b++} END{print a, b}' -> 15 15, period 1001001
    CHECK(iolab::test::counterValue(record, "import.samples", "cpu-clock") == 30);
    CHECK(iolab::test::counterValue(record, "import.samples", "cpu-clock:u") == -1);
    CHECK(record.run.metadata.at("perf.event.cpu-clock.spellings") == "cpu-clock, cpu-clock:u");
    CHECK(total(record.profile) == 30ULL * 1001001);
    std::uint64_t exported = 0;
    for (const auto& [stack, count] : foldedCounts(record)) {
        exported += count;
    }
    CHECK(exported == 30ULL * 1001001);
}

// Inlined functions as perf's own "(inlined)" lines (first 6 samples) and as "spin->mix"
// (last 6): mix becomes its own frame under spin, in spin's module.
TEST_CASE("perf script variants: inlined frames are split", "[importers][perf]") {
    const RunRecord record = importVariant("inl_inlined.perf-script");
    // awk 'BEGIN{RS=""} /mix/{n++} END{print n}' inl_inlined.perf-script -> 10
    CHECK(countWith(record.profile, "cpu-clock", "mix", true) == 10 * kPeriod499);
    // awk 'BEGIN{RS=""} /spin/{n++} END{print n}' inl_inlined.perf-script -> 11
    CHECK(countWith(record.profile, "cpu-clock", "spin") == 11 * kPeriod499);
    for (const Frame& frame : record.profile.frames) {
        CHECK(frame.symbol.find("->") == std::string::npos);
        CHECK(frame.symbol.find("inlined") == std::string::npos);
        if (frame.symbol == "mix") {
            CHECK(frame.module == "/tmp/i12/inl");
        }
    }
    for (const Sample& sample : record.profile.samples) {
        const StackNode& leaf = record.profile.nodes[sample.node];
        if (record.profile.frames[leaf.frame].symbol == "mix") {
            REQUIRE(leaf.parent != StackNode::kNoParent);
            const StackNode& caller = record.profile.nodes[leaf.parent];
            CHECK(record.profile.frames[caller.frame].symbol == "spin");
        }
    }
}
