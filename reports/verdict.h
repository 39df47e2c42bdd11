#pragma once

#include "analyzer/analysis/comparison.h"

#include <string>
#include <vector>

namespace iolab::reports {

// What CI acts on: pass or fail, and one line saying why.
struct Verdict {
    bool regression = false;
    int exit_code = 0; // 0 no regression, 1 regression
    // "REGRESSION: randread/read iops -30.0% (5 vs 5 runs, p < 0.001)" or
    // "no regression: 12 metrics within 5%" ...
    std::string headline;
    // One line per regressed metric, in the comparison's order (fio jobs, IOPS first).
    std::vector<std::string> details;
};

Verdict judge(const Comparison& comparison);

// "randread/read iops -30.0% (95% CI -31.0% .. -29.0%, p < 0.001)".
std::string describeChange(const MetricComparison& metric);

} // namespace iolab::reports
