#pragma once

#include "analyzer/analysis/comparison.h"

#include <string>

namespace iolab::terminal {

// The table of `iolab diff`: one row per metric with both sides' mean and spread, the change,
// its interval, the Holm-adjusted p and the assessment; the CPU share changes, warnings and the
// verdict below.
std::string renderDiffTable(const Comparison& comparison);

} // namespace iolab::terminal
