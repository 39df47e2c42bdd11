#pragma once

#include "analyzer/analysis/comparison.h"

#include <string>
#include <vector>

// The parts of a comparison beside the metrics, each computed from both sides' runs.
namespace iolab {

// The processes whose samples CPU shares count (see ComparisonOptions::cpu_processes).
std::vector<std::string> cpuProcesses(const std::vector<const RunRecord*>& baseline,
                                      const std::vector<const RunRecord*>& candidate,
                                      const ComparisonOptions& options);

// The sampled event with the most samples of `processes` over both sides; empty when no run
// has such samples.
std::string dominantEvent(const std::vector<const RunRecord*>& baseline,
                          const std::vector<const RunRecord*>& candidate,
                          const std::vector<std::string>& processes);

// The functions whose self share of `event` samples changed most, the largest first; runs
// without samples of `event` are left out.
std::vector<FunctionShareChange>
functionShareChanges(const std::vector<const RunRecord*>& baseline,
                     const std::vector<const RunRecord*>& candidate, const std::string& event,
                     const std::vector<std::string>& processes, const ComparisonOptions& options);

// The groups of contended locks (options.lock_grouping) whose wait per IO was longest on either
// side, at most options.top_locks; runs without lock data or IOs are left out.
std::vector<LockGroupChange> lockGroupChanges(const std::vector<const RunRecord*>& baseline,
                                              const std::vector<const RunRecord*>& candidate,
                                              const ComparisonOptions& options);

// Metadata keys that describe the environment (kernel, clocksource, host, arch, cpu.*, dev.*,
// fio.version and fio job options fio.*) whose values are not the same in every run of both
// sides.
std::vector<EnvironmentDrift> environmentDrift(const std::vector<const RunRecord*>& baseline,
                                               const std::vector<const RunRecord*>& candidate);

} // namespace iolab
