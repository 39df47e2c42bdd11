#include "analyzer/analysis/diff_flame.h"
#include "gui/models/compare_tables.h"
#include "gui/models/flame_layout.h"
#include "gui/models/frame_colors.h"
#include "tests/support/folded_profile.h"

#include <QRegularExpression>
#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::gui;

namespace {

constexpr const char* kStacks = R"(
    main;submit;vfs_read_[k];blk_mq_submit_bio_[k] 40
    main;submit;vfs_read_[k] 10
    main;complete;__irq_handler_[k] 30
    main;alloc;kmalloc 15
    main 5
)";

const FlameRect& rectOf(const FlameTree& tree, const std::vector<FlameRect>& rects,
                        const std::string& symbol) {
    for (const FlameRect& rect : rects) {
        if (tree.frameOf(rect.node).symbol == symbol) {
            return rect;
        }
    }
    FAIL("no frame " << symbol);
    throw;
}

} // namespace

TEST_CASE("Flame layout: widths are proportional to samples", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    REQUIRE(tree.totalSamples() == 100);
    const auto rects = layoutFlame(tree, {});
    CHECK(rects.size() == 9); // all + 8 frames
    CHECK(rectOf(tree, rects, "all").width == Approx(1.0));
    CHECK(rectOf(tree, rects, "main").width == Approx(1.0));
    CHECK(rectOf(tree, rects, "submit").width == Approx(0.5));
    CHECK(rectOf(tree, rects, "vfs_read").width == Approx(0.5));
    CHECK(rectOf(tree, rects, "blk_mq_submit_bio").width == Approx(0.4));
    CHECK(rectOf(tree, rects, "complete").width == Approx(0.3));
    CHECK(rectOf(tree, rects, "kmalloc").depth == 3);
    CHECK(tree.node(rectOf(tree, rects, "main").node).self == 5);
}

TEST_CASE("Flame layout: children sorted by name, or by samples", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    auto rects = layoutFlame(tree, {});
    // By name: alloc (0.15), complete (0.30), submit (0.50), side by side from the left.
    CHECK(rectOf(tree, rects, "alloc").x == Approx(0.0));
    CHECK(rectOf(tree, rects, "complete").x == Approx(0.15));
    CHECK(rectOf(tree, rects, "submit").x == Approx(0.45));
    rects = layoutFlame(tree, {.zoom = 0, .order = FlameOrder::ByTotal, .min_width = 0});
    CHECK(rectOf(tree, rects, "submit").x == Approx(0.0));
    CHECK(rectOf(tree, rects, "complete").x == Approx(0.5));
    CHECK(rectOf(tree, rects, "alloc").x == Approx(0.8));
    // A child sits inside its parent.
    CHECK(rectOf(tree, rects, "kmalloc").x == Approx(0.8));
}

TEST_CASE("Flame layout: zoom puts a node at full width, ancestors above", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    const std::int32_t submit = rectOf(tree, layoutFlame(tree, {}), "submit").node;
    const auto rects =
        layoutFlame(tree, {.zoom = submit, .order = FlameOrder::ByName, .min_width = 0});
    CHECK(rects.size() == 5); // all, main, submit, vfs_read, blk_mq_submit_bio
    CHECK(rectOf(tree, rects, "all").width == Approx(1.0));
    CHECK(rectOf(tree, rects, "submit").width == Approx(1.0));
    CHECK(rectOf(tree, rects, "vfs_read").width == Approx(1.0));
    CHECK(rectOf(tree, rects, "blk_mq_submit_bio").width == Approx(0.8));
    CHECK(tree.pathTo(submit).size() == 3);
}

TEST_CASE("Flame layout: frames narrower than the minimum are left out", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    const auto rects =
        layoutFlame(tree, {.zoom = 0, .order = FlameOrder::ByName, .min_width = 0.2});
    for (const FlameRect& rect : rects) {
        CHECK(rect.width >= 0.2);
        CHECK(tree.frameOf(rect.node).symbol != "kmalloc");
    }
    CHECK(rects.size() == 7);
}

TEST_CASE("Flame search: matches and their share, nested matches counted once", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    FlameSearch search = searchFlame(tree, QRegularExpression("^(vfs_read|blk_.*)$"));
    CHECK(search.matches == 2);
    CHECK(search.samples == 50); // blk_mq_submit_bio is inside vfs_read
    CHECK(search.share == Approx(0.5));
    search = searchFlame(tree, QRegularExpression("irq|kmalloc"));
    CHECK(search.samples == 45);
    CHECK(searchFlame(tree, QRegularExpression("(")).matches == 0);
    CHECK(searchFlame(tree, QRegularExpression("")).samples == 0);
}

TEST_CASE("Flame tree: bottom-up puts leaves at the root, callers above", "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::BottomUp);
    CHECK(tree.totalSamples() == 100);
    const auto rects = layoutFlame(tree, {});
    std::vector<std::string> top;
    for (const FlameRect& rect : rects) {
        if (rect.depth == 1) {
            top.push_back(tree.frameOf(rect.node).symbol);
            if (top.back() == "blk_mq_submit_bio") {
                CHECK(rect.width == Approx(0.4));
            }
        }
    }
    CHECK(top == std::vector<std::string>{"__irq_handler", "blk_mq_submit_bio", "kmalloc", "main",
                                          "vfs_read"});
    // Function costs are the same whichever way the tree hangs.
    const FlameTree topDown =
        FlameTree::build(test::foldedProfile(kStacks), "cpu-clock", FlameDirection::TopDown);
    const auto frameIndex = [&](const FlameTree& t, const char* symbol) {
        for (std::size_t i = 0; i < t.frames().size(); ++i) {
            if (t.frames()[i].symbol == symbol) {
                return i;
            }
        }
        return std::size_t{0};
    };
    for (const char* symbol : {"main", "vfs_read", "kmalloc"}) {
        CHECK(tree.functionCosts()[frameIndex(tree, symbol)].self ==
              topDown.functionCosts()[frameIndex(topDown, symbol)].self);
        CHECK(tree.functionCosts()[frameIndex(tree, symbol)].inclusive ==
              topDown.functionCosts()[frameIndex(topDown, symbol)].inclusive);
    }
    CHECK(topDown.functionCosts()[frameIndex(topDown, "vfs_read")].inclusive == 50);
    CHECK(topDown.functionCosts()[frameIndex(topDown, "vfs_read")].self == 10);
}

TEST_CASE("Flame tree: recursion counts a sample once in the function's inclusive cost",
          "[gui][flame]") {
    const FlameTree tree =
        FlameTree::build(test::foldedProfile("main;walk;walk;walk 6\nmain;walk 4\n"), "cpu-clock",
                         FlameDirection::TopDown);
    for (std::size_t i = 0; i < tree.frames().size(); ++i) {
        if (tree.frames()[i].symbol == "walk") {
            CHECK(tree.functionCosts()[i].inclusive == 10);
            CHECK(tree.functionCosts()[i].self == 10);
        }
    }
}

TEST_CASE("Flame diff: widths from the candidate, change against the baseline", "[gui][flame]") {
    const StackProfile baseline = test::foldedProfile("main;read 50\nmain;write 50\n");
    const StackProfile candidate =
        test::foldedProfile("main;read 150\nmain;write 25\nmain;sync 25\n");
    const DiffFlame diff = diffFlame(buildDiffFlame({&baseline}, {&candidate}, "cpu-clock"));
    const auto rects = layoutFlame(diff.tree, {});
    CHECK(rects.size() == 5);
    for (const FlameRect& rect : rects) {
        const std::string& symbol = diff.tree.frameOf(rect.node).symbol;
        const double change = diff.changes[static_cast<std::size_t>(rect.node)];
        if (symbol == "read") {
            CHECK(rect.width == Approx(0.75));
            CHECK(change == Approx(0.25));
        } else if (symbol == "write") {
            CHECK(rect.width == Approx(0.125));
            CHECK(change == Approx(-0.375));
        } else if (symbol == "sync") {
            CHECK(change == Approx(0.125));
        } else {
            CHECK(change == Approx(0.0));
        }
    }
    CHECK(diff.max_change == Approx(0.375));
    CHECK(changeColor(0.25, 0.25).red() == 255);
    CHECK(changeColor(0.25, 0.25).blue() < 100);
    CHECK(changeColor(-0.25, 0.25).blue() == 255);
    CHECK(changeColor(0.0, 0.25) == QColor(255, 255, 255));
}

TEST_CASE("Frame colours: stable hash, hue by kind", "[gui][flame]") {
    CHECK(fnv1a("") == 2166136261u);
    CHECK(fnv1a("a") == 0xe40c292cu);
    const Frame kernel{"vfs_read", "[kernel.kallsyms]", FrameKind::Kernel};
    const Frame user{"vfs_read", "/usr/bin/fio", FrameKind::User};
    CHECK(frameColor(kernel) == frameColor(kernel));
    CHECK(frameColor(kernel).hue() < 50);
    CHECK(frameColor(user).hue() >= 185);
    CHECK(frameColor({"x", "m.ko", FrameKind::Module}).hue() >= 70);
    CHECK(frameColor({"x", "m.ko", FrameKind::Module}).hue() < 130);
}
