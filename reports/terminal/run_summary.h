#pragma once

#include "analyzer/model/run_record.h"
#include "reports/terminal/summary_costs.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// The `iolab show` summary of a run: metadata, fio jobs, histograms and counters.
std::string renderSummary(const RunRecord& record, const CostViewOptions& options = {});
nlohmann::ordered_json summaryJson(const RunRecord& record, const CostViewOptions& options = {});

} // namespace iolab::terminal
