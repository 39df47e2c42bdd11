#pragma once

#include "analyzer/analysis/lock_view.h"
#include "analyzer/analysis/process_scope.h"
#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// How `iolab show` groups contended locks and whose CPU functions it lists.
struct CostViewOptions {
    analysis::ProcessScope processes;                              // default: the workload's
    analysis::LockGrouping locks = analysis::LockGrouping::Caller; // --locks-by
};

// The cost sections of `iolab show`: per-IO costs, clock reads and clock sources, top
// contended locks, top allocation sites, top CPU functions. Empty when the run has none.
void appendCosts(std::string& out, const RunRecord& record, const CostViewOptions& options);
// The same figures for --json, added to `json`.
void addCostsJson(nlohmann::ordered_json& json, const RunRecord& record,
                  const CostViewOptions& options);

} // namespace iolab::terminal
