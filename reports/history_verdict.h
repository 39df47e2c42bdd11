#pragma once

#include "analyzer/analysis/history.h"
#include "reports/verdict.h"

#include <vector>

namespace iolab::reports {

// The gate of `iolab report --history`: a history regressed when its newest segment (the runs
// since its last change point) moved the worse way by at least its metric's threshold
// (thresholdFor; `off` does not gate). The details name the change point's commit, run, size
// and p-value.
Verdict judgeHistory(const std::vector<MetricHistory>& histories,
                     const ComparisonOptions& thresholds);

} // namespace iolab::reports
