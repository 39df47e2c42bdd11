#pragma once

#include "analyzer/analysis/sweep_table.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// How `iolab sweep show` writes a sweep.
enum class SweepFormat { Text, Markdown };

// One table per metric: a row per cell with its settings, runs, mean ± 95% interval, change
// against the baseline cell, Holm-adjusted p and what it says (the best cell marked); then the
// baseline cell's drift over the sweep and the warnings.
std::string renderSweep(const SweepAnalysis& sweep, SweepFormat format = SweepFormat::Text);
nlohmann::ordered_json sweepJson(const SweepAnalysis& sweep);

} // namespace iolab::terminal
