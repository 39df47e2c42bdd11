#pragma once

#include "analyzer/model/run_record.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace iolab {

// Per-IO costs of one run: each figure divided by ioCount(record); all 0 without IOs.
struct PerIoCosts {
    double allocations = 0;
    double allocated_bytes = 0;
    double lock_contentions = 0;
    double lock_wait_ns = 0;
    double clock_reads = 0;
    double clock_ns = 0;
    double cpu_samples = 0;
};

// Mean of repeated figures with the half-width of their 95% confidence interval.
struct Spread {
    std::size_t n = 0;
    double mean = 0;
    double ci95 = 0;
};

// The IOs per-IO figures divide by: the block requests counted, else fio's IOs.
double ioCount(const RunRecord& record);
double totalIops(const RunRecord& record);
// The buckets of every histogram of `metric`, summed over their dimensions.
std::vector<HistogramBucket> mergedBuckets(const RunRecord& record, std::string_view metric);
// What one clock read through `path` ("syscall" or the vDSO) costs on the run's clock source.
double clockReadCostNs(const RunRecord& record, std::string_view path);
PerIoCosts perIoCosts(const RunRecord& record);
Spread spreadOf(const std::vector<double>& values);

} // namespace iolab
