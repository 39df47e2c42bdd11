#pragma once

#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>
#include <string>

namespace iolab::terminal {

// The cost sections of `iolab show`: per-IO costs, clock reads and clock sources, top
// contended locks, top allocation sites, top CPU functions. Empty when the run has none.
void appendCosts(std::string& out, const RunRecord& record);
// The same figures for --json, added to `json`.
void addCostsJson(nlohmann::ordered_json& json, const RunRecord& record);

} // namespace iolab::terminal
