#pragma once

#include "collector/sweep/knob.h"

#include <cstddef>
#include <string>
#include <vector>

namespace iolab::sweep {

// One cell of a sweep: for each knob, the index of its value.
using Cell = std::vector<std::size_t>;

// Every combination, the first knob varying slowest; the baseline cell (every knob at its first
// value) first.
std::vector<Cell> fullMatrix(const std::vector<Knob>& knobs);

// Fewer cells that still hold every pair of values of any two knobs (greedy: each next cell is
// the one of the full matrix that adds the most pairs not yet held); the baseline cell first.
// With one or two knobs it is the full matrix.
std::vector<Cell> pairwiseCells(const std::vector<Knob>& knobs);

// "dev.loop3.scheduler=none fio.iodepth=1"
std::string cellLabel(const std::vector<Knob>& knobs, const Cell& cell);

struct PlannedRun {
    std::size_t cell = 0;
    int repetition = 1; // from 1

    bool operator==(const PlannedRun&) const = default;
};

// The order of the runs. Interleaved: round-robin, every cell once per round, so a drift of
// the machine spreads over all cells instead of landing on the last ones; else each cell's
// repetitions one after the other.
std::vector<PlannedRun> runOrder(std::size_t cells, int repeat, bool interleave);

} // namespace iolab::sweep
