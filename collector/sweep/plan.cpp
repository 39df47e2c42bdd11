#include "collector/sweep/plan.h"

#include <set>
#include <tuple>

namespace iolab::sweep {
namespace {

// (knob a, value of a, knob b, value of b) with a < b.
using Pair = std::tuple<std::size_t, std::size_t, std::size_t, std::size_t>;

std::set<Pair> pairsOf(const Cell& cell) {
    std::set<Pair> pairs;
    for (std::size_t a = 0; a < cell.size(); ++a) {
        for (std::size_t b = a + 1; b < cell.size(); ++b) {
            pairs.emplace(a, cell[a], b, cell[b]);
        }
    }
    return pairs;
}

std::size_t newPairs(const Cell& cell, const std::set<Pair>& held) {
    std::size_t count = 0;
    for (const Pair& pair : pairsOf(cell)) {
        count += held.contains(pair) ? 0 : 1;
    }
    return count;
}

} // namespace

std::vector<Cell> fullMatrix(const std::vector<Knob>& knobs) {
    std::vector<Cell> cells;
    Cell cell(knobs.size(), 0);
    for (;;) {
        cells.push_back(cell);
        // Counts like an odometer: the last knob turns fastest and carries into the one before.
        std::size_t k = knobs.size();
        while (k > 0 && ++cell[k - 1] == knobs[k - 1].values.size()) {
            cell[k - 1] = 0;
            --k;
        }
        if (k == 0) {
            return cells;
        }
    }
}

std::vector<Cell> pairwiseCells(const std::vector<Knob>& knobs) {
    const std::vector<Cell> candidates = fullMatrix(knobs);
    std::set<Pair> wanted;
    for (const Cell& cell : candidates) {
        wanted.merge(pairsOf(cell));
    }
    std::vector<Cell> chosen{candidates.front()};
    std::set<Pair> held = pairsOf(chosen.front());
    while (held.size() < wanted.size()) {
        const Cell* best = nullptr;
        std::size_t bestCount = 0;
        for (const Cell& cell : candidates) {
            if (const std::size_t count = newPairs(cell, held); count > bestCount) {
                best = &cell;
                bestCount = count;
            }
        }
        chosen.push_back(*best);
        held.merge(pairsOf(*best));
    }
    return chosen;
}

std::string cellLabel(const std::vector<Knob>& knobs, const Cell& cell) {
    std::string label;
    for (std::size_t k = 0; k < knobs.size(); ++k) {
        label += (label.empty() ? "" : " ") + knobs[k].name + "=" + knobs[k].values[cell[k]];
    }
    return label;
}

std::vector<PlannedRun> runOrder(std::size_t cells, int repeat, bool interleave) {
    std::vector<PlannedRun> order;
    if (interleave) {
        for (int r = 1; r <= repeat; ++r) {
            for (std::size_t c = 0; c < cells; ++c) {
                order.push_back({c, r});
            }
        }
    } else {
        for (std::size_t c = 0; c < cells; ++c) {
            for (int r = 1; r <= repeat; ++r) {
                order.push_back({c, r});
            }
        }
    }
    return order;
}

} // namespace iolab::sweep
