#pragma once

#include "analyzer/analysis/sweep_table.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

// Where each cell of a sweep goes in a picture of one metric: the report's SVG and the GUI draw
// the same grid.
//   Two knobs vary: a heat map, the first varying knob across (columns), the second down (rows).
//   One knob, or more than two: bars, one per cell, labelled by the settings that vary.
namespace iolab {

enum class SweepShape { HeatMap, Bars };

struct SweepGridCell {
    std::size_t cell = 0; // into SweepAnalysis::cells and SweepMetric::cells
    std::size_t column = 0;
    std::size_t row = 0; // 0 for bars
    double shade = 0;    // 0 the worst mean of the metric, 1 the best (0.5 when all are equal)
};

struct SweepGrid {
    SweepShape shape = SweepShape::Bars;
    std::vector<std::string> column_values; // a heat map's values of the knob across; a bar's label
    std::vector<std::string> row_values;    // a heat map's values of the knob down
    std::string column_knob;                // "" for bars over several knobs
    std::string row_knob;
    std::vector<SweepGridCell> cells; // the cells with a figure, in the analysis' order
    double lowest_mean = 0;
    double highest_mean = 0;
};

// The knobs whose value differs between cells (indexes into SweepAnalysis::knobs); a knob with
// one value is set alike in every cell.
std::vector<std::size_t> varyingKnobs(const SweepAnalysis& sweep);

SweepGrid sweepGrid(const SweepAnalysis& sweep, const SweepMetric& metric);

// The fill of a shade, from pale sand (the worst mean) to deep green (the best), and whether text
// on it should be light: the report and the GUI colour a sweep alike.
struct ShadeColour {
    int red = 0;
    int green = 0;
    int blue = 0;
    bool dark = false;
};
ShadeColour shadeColour(double shade);

} // namespace iolab
