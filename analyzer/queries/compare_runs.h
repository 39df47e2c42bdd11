#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/selection.h"
#include "analyzer/store/store.h"

#include <string_view>

// The comparisons every view asks for, from the store: `iolab diff`, `iolab report` and the
// GUI's compare view call these, so one selection gives one verdict everywhere.
namespace iolab::queries {

// selectRuns over the runs in the store.
Selection selectRuns(store::Store& store, std::string_view selector);

// Loads the runs of each side and compares them; the labels come from the selections.
Comparison compareSelections(store::Store& store, const Selection& baseline,
                             const Selection& candidate, const ComparisonOptions& options = {});

} // namespace iolab::queries
