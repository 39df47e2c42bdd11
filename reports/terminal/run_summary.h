#pragma once

#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// The `iolab show` summary of a run: metadata, fio jobs, histograms and counters.
std::string renderSummary(const RunRecord& record);
nlohmann::ordered_json summaryJson(const RunRecord& record);

} // namespace iolab::terminal
