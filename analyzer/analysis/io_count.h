#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string>

namespace iolab::analysis {

// How many IOs a run did: the divisor of every per-IO figure, in every view.
struct IoCount {
    std::uint64_t ios = 0;
    std::string source; // "block requests", "fio IOs", or empty when the run has neither
};

// The block requests the block probe counted (its histograms hold the kernel's exact counts),
// else the IOs fio reported.
IoCount ioCount(const RunRecord& record);

} // namespace iolab::analysis
