#include "analyzer/model/stack_profile_builder.h"

#include <catch2/catch.hpp>
#include <vector>

using iolab::Frame;
using iolab::FrameKind;
using iolab::StackNode;

namespace {

Frame user(const char* symbol) {
    return {symbol, "app", FrameKind::User};
}

} // namespace

TEST_CASE("StackProfileBuilder: shared prefixes become one path of the tree", "[model]") {
    iolab::StackProfileBuilder builder;
    const std::vector<Frame> left{user("main"), user("read"), user("copy")};
    const std::vector<Frame> right{user("main"), user("read"), user("wait")};
    builder.addSample(left, "cpu-clock", "fio", 1, 3);
    builder.addSample(right, "cpu-clock", "fio", 1, 2);
    builder.addSample(left, "cpu-clock", "fio", 1, 4);
    const auto profile = builder.take();

    CHECK(profile.frames.size() == 4);
    REQUIRE(profile.nodes.size() == 4);
    CHECK(profile.nodes[0] == StackNode{StackNode::kNoParent, 0});
    CHECK(profile.nodes[2].parent == 1);
    CHECK(profile.nodes[3].parent == 1);
    REQUIRE(profile.samples.size() == 2);
    CHECK(profile.samples[0].count == 7);
    CHECK(profile.samples[1].count == 2);
}

TEST_CASE("StackProfileBuilder: events and processes keep separate samples", "[model]") {
    iolab::StackProfileBuilder builder;
    const std::vector<Frame> stack{user("main")};
    builder.addSample(stack, "cpu-clock", "fio", 1, 1);
    builder.addSample(stack, "cycles", "fio", 1, 1);
    builder.addSample(stack, "cpu-clock", "kworker", 2, 1);
    builder.addSample({}, "cpu-clock", "fio", 1, 1);
    CHECK(builder.take().samples.size() == 3);
}

TEST_CASE("StackProfileBuilder: call edges are summed per event", "[model]") {
    iolab::StackProfileBuilder builder;
    builder.addEdge(user("a"), user("b"), "ev", 5);
    builder.addEdge(user("a"), user("b"), "ev", 6);
    builder.addEdge(user("a"), user("b"), "other", 1);
    const auto profile = builder.take();
    REQUIRE(profile.edges.size() == 2);
    CHECK(profile.edges[0].count == 11);
    CHECK(profile.frames.size() == 2);
}
