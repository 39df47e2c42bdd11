#include "analyzer/analysis/call_tree.h"
#include "tests/support/folded_profile.h"

#include <catch2/catch.hpp>
#include <string>

using iolab::analysis::buildCallTree;
using iolab::analysis::CallTree;
using iolab::analysis::CallTreeDirection;
using iolab::analysis::CallTreeNode;

namespace {

const CallTreeNode& childNamed(const CallTree& tree, const CallTreeNode& parent,
                               const std::string& symbol) {
    for (const std::size_t child : parent.children) {
        if (tree.frameOf(tree.nodes[child]).symbol == symbol) {
            return tree.nodes[child];
        }
    }
    FAIL("no child " << symbol);
    throw std::logic_error("unreachable");
}

std::string childSymbols(const CallTree& tree, const CallTreeNode& node) {
    std::string names;
    for (const std::size_t child : node.children) {
        names += tree.frameOf(tree.nodes[child]).symbol + " ";
    }
    return names;
}

} // namespace

TEST_CASE("Call tree: top-down totals and self counts", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;read;copy 5
main;read;wait 3
main;write 2
main 1
)");
    const CallTree tree = buildCallTree(profile, {"cpu-clock", CallTreeDirection::TopDown, ""});
    CHECK(tree.total() == 11);
    const auto& main = childNamed(tree, tree.root(), "main");
    CHECK(main.total == 11);
    CHECK(main.self == 1);
    CHECK(main.depth == 1);
    const auto& read = childNamed(tree, main, "read");
    CHECK(read.total == 8);
    CHECK(read.self == 0);
    CHECK(childNamed(tree, read, "copy").total == 5);
    CHECK(childNamed(tree, read, "wait").self == 3);
    CHECK(childNamed(tree, main, "write").total == 2);
}

TEST_CASE("Call tree: children sorted by total then name", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;b 2
main;c 7
main;a 2
)");
    const CallTree tree = buildCallTree(profile, {"cpu-clock", CallTreeDirection::TopDown, ""});
    CHECK(childSymbols(tree, childNamed(tree, tree.root(), "main")) == "c a b ");
}

TEST_CASE("Call tree: identical paths of two processes merge", "[analysis]") {
    const auto profile = iolab::test::mergeProfiles({
        iolab::test::foldedProfile("main;read 4", "cpu-clock", "fio"),
        iolab::test::foldedProfile("main;read 6", "cpu-clock", "dd"),
    });
    const CallTree all = buildCallTree(profile, {"cpu-clock", CallTreeDirection::TopDown, ""});
    REQUIRE(all.root().children.size() == 1);
    CHECK(childNamed(all, childNamed(all, all.root(), "main"), "read").total == 10);
    const CallTree fio = buildCallTree(profile, {"cpu-clock", CallTreeDirection::TopDown, "fio"});
    CHECK(fio.total() == 4);
}

TEST_CASE("Call tree: one event at a time", "[analysis]") {
    const auto profile = iolab::test::mergeProfiles({
        iolab::test::foldedProfile("main;read 4", "cpu-clock"),
        iolab::test::foldedProfile("main;write 9", "cycles"),
    });
    const CallTree tree = buildCallTree(profile, {"cycles", CallTreeDirection::TopDown, ""});
    CHECK(tree.total() == 9);
    CHECK(childSymbols(tree, childNamed(tree, tree.root(), "main")) == "write ");
    const CallTree none = buildCallTree(profile, {"branch-misses", CallTreeDirection::TopDown, ""});
    CHECK(none.total() == 0);
    CHECK(none.root().children.empty());
}

TEST_CASE("Call tree: bottom-up starts at the innermost frames", "[analysis]") {
    const auto profile = iolab::test::foldedProfile(R"(
main;read;copy 5
main;write;copy 3
main;read 2
)");
    const CallTree tree = buildCallTree(profile, {"cpu-clock", CallTreeDirection::BottomUp, ""});
    CHECK(tree.total() == 10);
    CHECK(childSymbols(tree, tree.root()) == "copy read ");
    const auto& copy = childNamed(tree, tree.root(), "copy");
    CHECK(copy.total == 8);
    CHECK(childSymbols(tree, copy) == "read write ");
    const auto& viaRead = childNamed(tree, copy, "read");
    CHECK(viaRead.total == 5);
    const auto& outermost = childNamed(tree, viaRead, "main");
    CHECK(outermost.total == 5);
    CHECK(outermost.self == 5);
    CHECK(childNamed(tree, tree.root(), "read").total == 2);
}

TEST_CASE("Call tree: recursion nests and parents precede children", "[analysis]") {
    const auto profile = iolab::test::foldedProfile("main;walk;walk;walk 4\nmain;walk 1");
    const CallTree tree = buildCallTree(profile, {"cpu-clock", CallTreeDirection::TopDown, ""});
    const auto& w1 = childNamed(tree, childNamed(tree, tree.root(), "main"), "walk");
    CHECK(w1.total == 5);
    CHECK(w1.self == 1);
    const auto& w3 = childNamed(tree, childNamed(tree, w1, "walk"), "walk");
    CHECK(w3.depth == 4);
    CHECK(w3.self == 4);
    for (std::size_t i = 1; i < tree.nodes.size(); ++i) {
        CHECK(tree.nodes[i].parent < i);
    }
}
