#pragma once

#include "analyzer/analysis/sweep_table.h"
#include "analyzer/store/store.h"

#include <string_view>

namespace iolab::queries {

// The analysis of the sweep `name` from the runs in the store tagged sweep:NAME. Throws
// InputError naming it when the store has none.
SweepAnalysis analyzeStoredSweep(store::Store& store, std::string_view name);

} // namespace iolab::queries
