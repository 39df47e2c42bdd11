#pragma once

#include "analyzer/analysis/call_graph.h"
#include "analyzer/analysis/flat_profile.h"
#include "gui/models/figure_table_model.h"

namespace iolab::gui {

// The functions of a flat profile: self and inclusive samples and shares.
void showFunctions(FigureTableModel& model, const analysis::FlatProfile& profile);
// The callers (or callees) of the function of `entry`: samples through each arc and their
// share of the function's inclusive samples and of all samples.
void showCallLinks(FigureTableModel& model, const analysis::CallGraphEntry& entry, bool callers);

} // namespace iolab::gui
