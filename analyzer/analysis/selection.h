#pragma once

#include "analyzer/model/run.h"
#include "analyzer/store/store.h"

#include <string>
#include <string_view>
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
Selection selectRuns(store::Store& store, std::string_view selector);

// The same over a list of runs already read (what selectRuns does after listRuns()).
Selection selectRuns(const std::vector<Run>& runs, std::string_view selector);

} // namespace iolab
