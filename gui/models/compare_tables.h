#pragma once

#include "analyzer/analysis/comparison.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/flame_tree.h"

#include <vector>

namespace iolab::gui {

// Every metric of a comparison: both sides (mean ± 95% interval when repeated), the change and
// its assessment, regressions in red and improvements in green.
void showComparison(FigureTableModel& model, const Comparison& comparison);

// One fio job's IOPS on each side, for the bar chart.
struct IopsBar {
    QString job;
    double baseline = 0;
    double baseline_ci = 0; // half-width of the 95% interval; 0 with a single run
    double candidate = 0;
    double candidate_ci = 0;
};
std::vector<IopsBar> iopsBars(const Comparison& comparison);

// The differential flame graph as a FlameTree (widths from the candidate's shares) with the
// change of each node's share against the baseline, per node.
struct DiffFlame {
    FlameTree tree;
    std::vector<double> changes;
    double max_change = 0; // the largest |change|, for the colour scale
};
DiffFlame diffFlame(const DiffFlameNode& root);

} // namespace iolab::gui
