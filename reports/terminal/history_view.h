#pragma once

#include "analyzer/analysis/history.h"

#include <string>
#include <vector>

namespace iolab::terminal {

struct HistoryViewOptions {
    std::size_t last_runs = 10; // rows of the table of the newest runs
    std::size_t sparkline_width = 64;
};

// Per history: a sparkline of the whole series with its change points marked, the change
// points (run, commit, means before and after, change, p-value) and the newest runs.
std::string renderHistory(const std::vector<MetricHistory>& histories,
                          const HistoryViewOptions& options = {});

// Every point and change point, for scripts.
std::string renderHistoryJson(const std::vector<MetricHistory>& histories);

// "▁▂▃▅▇█": one block per chunk of `values` (their mean), at most `width`, scaled from the
// smallest to the largest chunk.
std::string sparkline(const std::vector<double>& values, std::size_t width);

} // namespace iolab::terminal
