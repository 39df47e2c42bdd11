#pragma once

#include "analyzer/model/run_record.h"

#include <algorithm>
#include <string>
#include <vector>

namespace iolab {

// A frame of the merged call tree of two sides. Shares are inclusive and normalised by each
// side's total samples of the event (summed over the side's runs), so sides with different run
// counts or durations compare fairly: width from the candidate, colour from the change.
struct DiffFlameNode {
    std::string symbol; // "all" at the root
    std::string module;
    double baseline_share = 0;  // 0..1
    double candidate_share = 0; // 0..1
    double baseline_self = 0;   // share of samples whose innermost frame is this one
    double candidate_self = 0;
    std::vector<DiffFlameNode> children; // sorted by symbol, then module

    bool operator==(const DiffFlameNode&) const = default;
};

// Whether a sample of `process` counts under the filter `processes` (empty: all count).
inline bool countsProcess(const std::vector<std::string>& processes, const std::string& process) {
    return processes.empty() ||
           std::find(processes.begin(), processes.end(), process) != processes.end();
}

// The merged tree of the samples of `event` in each side's profiles, of the named processes
// only unless `processes` is empty. Frames are matched by symbol and module along the path from
// the root; consecutive "[unknown]" frames of one module merge into one.
DiffFlameNode buildDiffFlame(const std::vector<const StackProfile*>& baseline,
                             const std::vector<const StackProfile*>& candidate,
                             const std::string& event,
                             const std::vector<std::string>& processes = {});

} // namespace iolab
