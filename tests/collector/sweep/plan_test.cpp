#include "collector/sweep/plan.h"

#include <catch2/catch.hpp>
#include <set>
#include <tuple>

namespace iolab::sweep {
namespace {

Knob knob(const std::string& name, std::vector<std::string> values) {
    Knob k;
    k.name = name;
    k.values = std::move(values);
    return k;
}

} // namespace

TEST_CASE("sweep plan: the full matrix, first knob slowest, baseline first", "[sweep]") {
    const std::vector<Knob> knobs{knob("a", {"1", "2"}), knob("b", {"x", "y", "z"})};
    const auto cells = fullMatrix(knobs);
    REQUIRE(cells.size() == 6);
    CHECK(cells.front() == Cell{0, 0});
    CHECK(cells[1] == Cell{0, 1});
    CHECK(cells[3] == Cell{1, 0});
    CHECK(cells.back() == Cell{1, 2});
    CHECK(cellLabel(knobs, cells[4]) == "a=2 b=y");
}

TEST_CASE("sweep plan: pairwise holds every pair of values in fewer cells", "[sweep]") {
    const std::vector<Knob> knobs{knob("a", {"1", "2", "3"}), knob("b", {"1", "2", "3"}),
                                  knob("c", {"1", "2", "3"}), knob("d", {"1", "2", "3"})};
    const auto cells = pairwiseCells(knobs);
    CHECK(cells.front() == Cell{0, 0, 0, 0});
    CHECK(cells.size() < 81);
    CHECK(cells.size() >= 9); // two knobs of three values need nine cells at least
    std::set<std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>> pairs;
    for (const Cell& cell : cells) {
        for (std::size_t a = 0; a < 4; ++a) {
            for (std::size_t b = a + 1; b < 4; ++b) {
                pairs.emplace(a, cell[a], b, cell[b]);
            }
        }
    }
    CHECK(pairs.size() == 6 * 9); // six pairs of knobs, nine pairs of values each
    // Two knobs: pairwise is the full matrix.
    CHECK(pairwiseCells({knobs[0], knobs[1]}).size() == 9);
}

TEST_CASE("sweep plan: interleaved runs go round-robin", "[sweep]") {
    CHECK(runOrder(2, 2, true) == std::vector<PlannedRun>{{0, 1}, {1, 1}, {0, 2}, {1, 2}});
    CHECK(runOrder(2, 2, false) == std::vector<PlannedRun>{{0, 1}, {0, 2}, {1, 1}, {1, 2}});
}

} // namespace iolab::sweep
