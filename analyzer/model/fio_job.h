#pragma once

#include "analyzer/model/histogram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iolab {

struct Percentile {
    double percent = 0; // 50.0, 99.0, 99.9 ...
    std::uint64_t value_ns = 0;

    bool operator==(const Percentile&) const = default;
};

// One of fio's latency groups (slat, clat or lat) of one job and direction.
struct LatencySummary {
    std::uint64_t min_ns = 0;
    std::uint64_t max_ns = 0;
    double mean_ns = 0;
    double stddev_ns = 0;
    std::vector<Percentile> percentiles;

    bool operator==(const LatencySummary&) const = default;
};

// fio's results for one job and one direction (read, write or trim).
struct FioJob {
    std::string job;
    std::string direction;
    std::uint64_t ios = 0;
    double iops = 0;
    std::uint64_t bandwidth_bytes = 0; // per second
    std::uint64_t runtime_ms = 0;
    int error = 0;
    LatencySummary slat;
    LatencySummary clat;
    LatencySummary lat;
    std::vector<HistogramBucket> clat_histogram; // json+ only

    bool operator==(const FioJob&) const = default;
};

} // namespace iolab
