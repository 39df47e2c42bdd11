#pragma once

#include "analyzer/model/run.h"

#include <cstdint>
#include <vector>

namespace iolab::gui {

struct CompareSides {
    std::vector<std::int64_t> baseline;
    std::vector<std::int64_t> candidate;
};

// Splits selected runs into the two sides of a comparison. Runs of one series stay together
// (they are repetitions); a run without a series stands alone. With two or more groups the
// oldest group is the baseline and the others the candidate; with one series, its oldest run
// is the baseline and the rest the candidate. Empty sides when fewer than two runs.
CompareSides compareSides(std::vector<Run> selected);

} // namespace iolab::gui
