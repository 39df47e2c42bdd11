#include "analyzer/analysis/flat_profile.h"
#include "analyzer/model/stack_profile_builder.h"
#include "tests/support/folded_profile.h"

#include <catch2/catch.hpp>

using iolab::analysis::buildFlatProfile;
using iolab::analysis::FlatProfile;
using iolab::analysis::FlatProfileEntry;

namespace {

const FlatProfileEntry& entryFor(const FlatProfile& flat, const std::string& symbol) {
    for (const auto& entry : flat.entries) {
        if (entry.frame.symbol == symbol) {
            return entry;
        }
    }
    FAIL("no entry " << symbol);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("Flat profile: self and inclusive counts with percentages", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;read;copy 6
main;read 2
main;lock_conflict@foo.ko 2
)");
    const FlatProfile flat = buildFlatProfile(profile, {"cpu-clock", {}});
    CHECK(flat.total == 10);
    REQUIRE(flat.entries.size() == 4);
    CHECK(flat.entries[0].frame.symbol == "copy");
    CHECK(flat.entries[0].self == 6);
    CHECK(flat.entries[0].self_percent == Approx(60.0));
    // read and lock_conflict tie on self (2): read has the larger inclusive count.
    CHECK(flat.entries[1].frame.symbol == "read");
    CHECK(flat.entries[1].inclusive == 8);
    CHECK(flat.entries[2].frame.symbol == "lock_conflict");
    CHECK(flat.entries[2].frame.module == "foo.ko");
    CHECK(flat.entries[2].inclusive_percent == Approx(20.0));
    CHECK(entryFor(flat, "main").self == 0);
    CHECK(entryFor(flat, "main").inclusive == 10);
    CHECK(entryFor(flat, "main").inclusive_percent == Approx(100.0));
}

TEST_CASE("Flat profile: a recursive function counts once per stack", "[analysis]") {
    const auto profile = iolab::test::foldedProfile("main;walk;walk;walk 4\nmain;walk;leaf 1");
    const FlatProfile flat = buildFlatProfile(profile, {"cpu-clock", {}});
    CHECK(entryFor(flat, "walk").inclusive == 5);
    CHECK(entryFor(flat, "walk").self == 4);
    CHECK(entryFor(flat, "walk").inclusive_percent == Approx(100.0));
}

TEST_CASE("Flat profile: events and processes are separate", "[analysis]") {
    const auto profile = iolab::test::mergeProfiles({
        iolab::test::foldedProfile("main;read 4", "cpu-clock", "fio"),
        iolab::test::foldedProfile("main;read 1", "cpu-clock", "dd"),
        iolab::test::foldedProfile("main;write 9", "cycles", "fio"),
    });
    const FlatProfile clock = buildFlatProfile(profile, {"cpu-clock", {}});
    CHECK(clock.total == 5);
    CHECK(entryFor(clock, "read").self == 5);
    CHECK(clock.entries.size() == 2);
    const FlatProfile dd = buildFlatProfile(profile, {"cpu-clock", {"dd"}});
    CHECK(dd.total == 1);
    const FlatProfile cycles = buildFlatProfile(profile, {"cycles", {}});
    CHECK(entryFor(cycles, "write").self == 9);
}

TEST_CASE("Flat profile: call edges give inclusive counts of arc-only sources", "[analysis]") {
    iolab::StackProfileBuilder builder;
    const iolab::Frame caller{"vfs_write", "vmlinux", iolab::FrameKind::Kernel};
    const iolab::Frame entry{"foo_write", "foo.ko", iolab::FrameKind::Module};
    const iolab::Frame callee{"lock_conflict", "foo.ko", iolab::FrameKind::Module};
    builder.addSample(std::vector{entry}, "CYCLES", "", 0, 3);
    builder.addSample(std::vector{callee}, "CYCLES", "", 0, 20);
    builder.addEdge(caller, entry, "CYCLES", 23);
    builder.addEdge(entry, callee, "CYCLES", 20);
    builder.addEdge(entry, entry, "CYCLES", 1);
    const FlatProfile flat = buildFlatProfile(builder.take(), {"CYCLES", {}});
    CHECK(flat.total == 23);
    CHECK(entryFor(flat, "foo_write").self == 3);
    CHECK(entryFor(flat, "foo_write").inclusive == 23);
    CHECK(entryFor(flat, "lock_conflict").inclusive == 20);
    CHECK(entryFor(flat, "vfs_write").self == 0);
    CHECK(entryFor(flat, "vfs_write").inclusive == 23);
}
