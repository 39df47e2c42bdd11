#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>

namespace iolab::store {

// The figures a list of runs shows beside each run, read without loading profiles.
struct RunHeadline {
    std::optional<double> iops;   // sum over fio jobs
    std::optional<double> p99_ns; // block-layer total latency, else the worst fio clat p99
    bool p99_from_block = false;
};

// Reads the headline of every run in the database at `path` (opened read-only), by run id.
std::map<std::int64_t, RunHeadline> readRunHeadlines(const std::filesystem::path& path);

} // namespace iolab::store
