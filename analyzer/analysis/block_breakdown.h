#pragma once

#include "analyzer/model/run_record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iolab::analysis {

// The block-layer histograms of one device and operation: what `iolab show` prints as a row of
// "block latency per device" and the GUI's Summary as a row of its block table.
struct BlockBreakdownRow {
    std::string device;
    std::string operation;
    const Histogram* queue = nullptr;   // block.queue_ns: allocated -> issued
    const Histogram* service = nullptr; // block.device_ns: issued -> completed
    const Histogram* total = nullptr;   // block.total_ns
    const Histogram* size = nullptr;    // block.size_bytes
    std::uint64_t ios = 0;              // requests counted (total, else size histogram)
};

// Rows sorted by device, then operation; the histograms point into `record`.
std::vector<BlockBreakdownRow> blockBreakdown(const RunRecord& record);

} // namespace iolab::analysis
