#pragma once

#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>
#include <string>

// `iolab show --slowest`: the slowest requests of a run with their phases, submitter and stacks.
namespace iolab::terminal {

// A table, slowest first, then each request's submitter and stacks (outermost frame first).
std::string renderSlowest(const RunRecord& record);
// {"slowest_ios": [...]}: times in ns, a phase not seen is null, stacks outermost first.
nlohmann::ordered_json slowestJson(const RunRecord& record);

} // namespace iolab::terminal
