#pragma once

#include "analyzer/model/run.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iolab {

// The runs one side of a comparison stands for: its repetitions.
struct Selection {
    std::string selector;  // as the user wrote it
    std::string label;     // "series:s-20261121 (5 runs)", "run 12 randread", "tag:baseline ..."
    std::vector<Run> runs; // oldest first; never empty
};

// Resolves a selector:
//   RUN (an id, a name or @latest)   that run alone, even when it belongs to a series
//   series:ID                        every run of that series
//   tag:T                            the newest series that has a run tagged T (all its runs,
//                                    tagged or not); when no run tagged T has a series, every
//                                    run tagged T
// Runs still `recording` or `failed` are left out (a killed recorder is no data); a selector
// that names nothing usable throws InputError naming it.
Selection selectRuns(const std::vector<Run>& runs, std::string_view selector);

// Whether a run is data to compare: not still `recording` (a killed recorder) and not `failed`.
bool comparable(const Run& run);

// The two sides of a comparison of runs picked by hand (the GUI's selection): the comparable
// runs, those of one series kept together (they are repetitions), a run without a series alone.
// With two or more groups the oldest group is the baseline and the others the candidate; with
// one series, its oldest run is the baseline and the rest the candidate. Both sides empty when
// fewer than two comparable runs.
std::pair<Selection, Selection> splitSelected(std::vector<Run> selected);

} // namespace iolab
