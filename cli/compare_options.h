#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/store/store.h"

#include <CLI/CLI.hpp>
#include <string>

namespace iolab::cli {

// The options `iolab diff` and `iolab report` share: how a comparison judges.
struct CompareCliOptions {
    std::string threshold = "5%";
    std::string metrics; // "iops=3%,p99=10%"
    std::string locks_by = "caller";
};

void addCompareOptions(CLI::App& command, CompareCliOptions& options);
// Throws InputError for a bad percentage or metric list.
ComparisonOptions comparisonOptions(const CompareCliOptions& options);

// Selects both sides and compares them, saying on stderr what it loads when that is many runs.
Comparison compareSelectors(store::Store& store, const std::string& baseline,
                            const std::string& candidate, const ComparisonOptions& options);

} // namespace iolab::cli
