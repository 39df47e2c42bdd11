#pragma once

#include "analyzer/analysis/comparison.h"

#include <string>
#include <vector>

// The parts of a comparison beside the metrics, each computed from both sides' runs.
namespace iolab {

// The sampled event with the most samples over both sides; empty when no run has samples.
std::string dominantEvent(const std::vector<const RunRecord*>& baseline,
                          const std::vector<const RunRecord*>& candidate);

// The functions whose self share of `event` samples changed most, the largest first; runs
// without samples of `event` are left out.
std::vector<FunctionShareChange>
functionShareChanges(const std::vector<const RunRecord*>& baseline,
                     const std::vector<const RunRecord*>& candidate, const std::string& event,
                     const ComparisonOptions& options);

// Metadata keys that describe the environment (kernel, clocksource, fio.version, cpu, host,
// dev.*) whose values are not the same in every run of both sides.
std::vector<EnvironmentDrift> environmentDrift(const std::vector<const RunRecord*>& baseline,
                                               const std::vector<const RunRecord*>& candidate);

} // namespace iolab
