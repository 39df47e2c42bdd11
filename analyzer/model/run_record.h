#pragma once

#include "analyzer/model/costs.h"
#include "analyzer/model/fio_job.h"
#include "analyzer/model/histogram.h"
#include "analyzer/model/run.h"
#include "analyzer/model/slow_io.h"
#include "analyzer/model/stack_profile.h"

#include <vector>

namespace iolab {

// Everything one run holds: what a source produces and what a view reads.
struct RunRecord {
    Run run;
    std::vector<FioJob> fio_jobs;
    std::vector<Histogram> histograms;
    StackProfile profile;
    std::vector<LockStat> locks;
    std::vector<AllocStat> allocations;
    std::vector<ClockStat> clocks;
    std::vector<ClockSourceCost> clock_sources;
    std::vector<Counter> counters;
    std::vector<SlowIo> slow_ios; // slowest first

    bool operator==(const RunRecord&) const = default;
};

} // namespace iolab
