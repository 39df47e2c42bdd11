#pragma once

#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// The block section of `iolab show`: per device and operation btt's phases (count, mean,
// percentiles, share of Q2C), then per device the requests, merges, splits, requeues and plugs.
// A run recorded before the phases gets its kernel-stamp breakdown instead. Appends nothing
// when the run has no block histograms.
void appendBlockBreakdown(std::string& out, const RunRecord& record);

// The phases and events of `iolab show --json` ("block_phases").
nlohmann::ordered_json blockPhasesJson(const RunRecord& record);

} // namespace iolab::terminal
