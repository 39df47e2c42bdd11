#include "analyzer/analysis/call_graph.h"
#include "analyzer/model/stack_profile_builder.h"
#include "tests/support/folded_profile.h"

#include <catch2/catch.hpp>

using iolab::Frame;
using iolab::FrameKind;
using iolab::analysis::buildCallGraph;
using iolab::analysis::CallGraphEntry;

namespace {

Frame app(const char* symbol) {
    return {symbol, "app", FrameKind::User};
}

} // namespace

TEST_CASE("Call graph: callers and callees from stacks", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;read;copy 5
main;read;wait 3
main;pread;read;copy 1
main;read 2
)");
    const CallGraphEntry read = buildCallGraph(profile, app("read"), "cpu-clock");
    CHECK(read.event_total == 11);
    CHECK(read.self == 2);
    CHECK(read.inclusive == 11);
    REQUIRE(read.callers.size() == 2);
    CHECK(read.callers[0].frame.symbol == "main");
    CHECK(read.callers[0].count == 10);
    CHECK(read.callers[1].frame.symbol == "pread");
    CHECK(read.callers[1].count == 1);
    REQUIRE(read.callees.size() == 2);
    CHECK(read.callees[0].frame.symbol == "copy");
    CHECK(read.callees[0].count == 6);
    CHECK(read.callees[1].frame.symbol == "wait");
    CHECK(read.callees[1].count == 3);
}

TEST_CASE("Call graph: recursion counts each stack once", "[analysis]") {
    const auto profile = iolab::test::foldedProfile("main;walk;walk;walk;leaf 4\nmain;walk 1");
    const CallGraphEntry walk = buildCallGraph(profile, app("walk"), "cpu-clock");
    CHECK(walk.inclusive == 5);
    CHECK(walk.self == 1);
    REQUIRE(walk.callers.size() == 2);
    CHECK(walk.callers[0].frame.symbol == "main");
    CHECK(walk.callers[0].count == 5);
    CHECK(walk.callers[1].frame.symbol == "walk");
    CHECK(walk.callers[1].count == 4);
    REQUIRE(walk.callees.size() == 2);
    CHECK(walk.callees[0].frame.symbol == "leaf");
    CHECK(walk.callees[0].count == 4);
    CHECK(walk.callees[1].frame.symbol == "walk");
}

TEST_CASE("Call graph: call edges of opreport imports", "[analysis]") {
    iolab::StackProfileBuilder builder;
    const Frame caller{"vfs_write", "vmlinux", FrameKind::Kernel};
    const Frame entry{"foo_write", "foo.ko", FrameKind::Module};
    const Frame callee{"lock_conflict", "foo.ko", FrameKind::Module};
    builder.addSample(std::vector{entry}, "CYCLES", "", 0, 3);
    builder.addSample(std::vector{callee}, "CYCLES", "", 0, 20);
    builder.addSample(std::vector{entry}, "INSTR", "", 0, 8);
    builder.addEdge(caller, entry, "CYCLES", 23);
    builder.addEdge(entry, callee, "CYCLES", 20);
    builder.addEdge(entry, callee, "INSTR", 2);
    const auto profile = builder.take();

    const CallGraphEntry cycles = buildCallGraph(profile, entry, "CYCLES");
    CHECK(cycles.self == 3);
    CHECK(cycles.inclusive == 23);
    CHECK(cycles.event_total == 23);
    REQUIRE(cycles.callers.size() == 1);
    CHECK(cycles.callers[0].frame == caller);
    CHECK(cycles.callers[0].count == 23);
    REQUIRE(cycles.callees.size() == 1);
    CHECK(cycles.callees[0].count == 20);

    const CallGraphEntry instr = buildCallGraph(profile, entry, "INSTR");
    CHECK(instr.self == 8);
    CHECK(instr.callers.empty());
    REQUIRE(instr.callees.size() == 1);
    CHECK(instr.callees[0].count == 2);
}

TEST_CASE("Call graph: finding functions and close symbols", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;lock_conflict@foo.ko 2
main;lock_conflict@bar.ko 1
main;unlock 1
)");
    CHECK(iolab::analysis::findFunctions(profile, "lock_conflict").size() == 2);
    CHECK(iolab::analysis::findFunctions(profile, "lock").empty());
    const auto close = iolab::analysis::closeSymbols(profile, "lock_confict");
    REQUIRE_FALSE(close.empty());
    CHECK(close[0] == "lock_conflict");
    CHECK(iolab::analysis::closeSymbols(profile, "zzzzzzzzzzzz").empty());
}
