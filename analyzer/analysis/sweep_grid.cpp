#include "analyzer/analysis/sweep_grid.h"

#include <algorithm>
#include <cmath>

namespace iolab {
namespace {

std::string valueOf(const SweepCell& cell, std::size_t knob) {
    return knob < cell.settings.size() ? cell.settings[knob].second : "";
}

// The position of `value` among `values`, added in first-seen order (the order the sweep gave
// the values in, since the plan walks them so).
std::size_t positionOf(std::vector<std::string>& values, const std::string& value) {
    auto at = std::ranges::find(values, value);
    if (at == values.end()) {
        values.push_back(value);
        at = values.end() - 1;
    }
    return static_cast<std::size_t>(at - values.begin());
}

std::string barLabel(const SweepAnalysis& sweep, const SweepCell& cell,
                     const std::vector<std::size_t>& varying) {
    if (varying.size() == 1) {
        return valueOf(cell, varying.front());
    }
    std::string label;
    for (const std::size_t knob : varying) {
        label += (label.empty() ? "" : " ") + sweep.knobs[knob] + "=" + valueOf(cell, knob);
    }
    return label.empty() ? cell.series : label;
}

} // namespace

std::vector<std::size_t> varyingKnobs(const SweepAnalysis& sweep) {
    std::vector<std::size_t> varying;
    for (std::size_t k = 0; k < sweep.knobs.size(); ++k) {
        const std::string first = valueOf(sweep.cells.front(), k);
        if (std::ranges::any_of(sweep.cells,
                                [&](const SweepCell& cell) { return valueOf(cell, k) != first; })) {
            varying.push_back(k);
        }
    }
    return varying;
}

SweepGrid sweepGrid(const SweepAnalysis& sweep, const SweepMetric& metric) {
    SweepGrid grid;
    const std::vector<std::size_t> varying = varyingKnobs(sweep);
    grid.shape = varying.size() == 2 ? SweepShape::HeatMap : SweepShape::Bars;
    if (grid.shape == SweepShape::HeatMap) {
        grid.column_knob = sweep.knobs[varying[0]];
        grid.row_knob = sweep.knobs[varying[1]];
    } else if (varying.size() == 1) {
        grid.column_knob = sweep.knobs[varying[0]];
    }
    bool first = true;
    for (std::size_t c = 0; c < sweep.cells.size(); ++c) {
        if (c >= metric.cells.size() || !metric.cells[c]) {
            continue;
        }
        SweepGridCell placed{c, 0, 0, 0};
        const SweepCell& cell = sweep.cells[c];
        if (grid.shape == SweepShape::HeatMap) {
            placed.column = positionOf(grid.column_values, valueOf(cell, varying[0]));
            placed.row = positionOf(grid.row_values, valueOf(cell, varying[1]));
        } else {
            placed.column = grid.column_values.size();
            grid.column_values.push_back(barLabel(sweep, cell, varying));
        }
        const double mean = metric.cells[c]->moments.mean;
        grid.lowest_mean = first ? mean : std::min(grid.lowest_mean, mean);
        grid.highest_mean = first ? mean : std::max(grid.highest_mean, mean);
        first = false;
        grid.cells.push_back(placed);
    }
    const double range = grid.highest_mean - grid.lowest_mean;
    for (SweepGridCell& placed : grid.cells) {
        const double mean = metric.cells[placed.cell]->moments.mean;
        const double up = range > 0 ? (mean - grid.lowest_mean) / range : 0.5;
        placed.shade = metric.higher_is_better ? up : 1 - up;
    }
    return grid;
}

ShadeColour shadeColour(double shade) {
    const double at = std::clamp(shade, 0.0, 1.0);
    const auto mix = [at](int worst, int best) {
        return static_cast<int>(std::lround(worst + (best - worst) * at));
    };
    return {mix(247, 24), mix(236, 120), mix(214, 72), at > 0.55};
}

} // namespace iolab
