#pragma once

#include "analyzer/queries/history.h"

#include <CLI/CLI.hpp>

namespace iolab::cli {

// The run filters `iolab history` and `iolab report --history` share: --job, --branch, --tag,
// --host.
void addHistoryFilterOptions(CLI::App& command, store::RunFilter& filter);

// Reads the histories; throws InputError when no run matches, naming the filters.
std::vector<MetricHistory> readHistories(store::Store& store,
                                         const queries::HistoryOptions& options);

} // namespace iolab::cli
