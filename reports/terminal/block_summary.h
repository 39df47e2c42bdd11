#pragma once

#include "analyzer/model/run_record.h"

#include <string>

namespace iolab::terminal {

// The per-device block latency breakdown of `iolab show`: for each device and operation the
// requests counted, queue, device and total time percentiles, the typical size, and merges
// from the kernel's counters. Appends nothing when the run has no block histograms.
void appendBlockBreakdown(std::string& out, const RunRecord& record);

} // namespace iolab::terminal
