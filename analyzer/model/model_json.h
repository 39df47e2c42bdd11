#pragma once

#include "analyzer/model/run_record.h"

#include <nlohmann/json.hpp>

// JSON of the model with a fixed key order, for `--json` output and reports.
namespace iolab {

nlohmann::ordered_json toJson(const Run& run);
nlohmann::ordered_json toJson(const FioJob& job);
nlohmann::ordered_json toJson(const Histogram& histogram);
nlohmann::ordered_json toJson(const Counter& counter);

} // namespace iolab
