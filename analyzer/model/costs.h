#pragma once

#include "analyzer/model/histogram.h"
#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace iolab {

// One contended kernel lock seen from one caller stack.
struct LockStat {
    std::uint64_t address = 0;
    std::string symbol;       // when the lock is static
    std::string kind;         // spinlock, mutex, rwsem-read, rwsem-write, rwlock-read, ...
    std::vector<Frame> stack; // outermost first
    std::uint64_t contentions = 0;
    std::uint64_t total_wait_ns = 0;
    std::uint64_t max_wait_ns = 0;
    std::vector<HistogramBucket> wait_histogram;
    std::string cache; // slab cache of the object holding it ("mm_struct"), when named

    bool operator==(const LockStat&) const = default;
};

// Allocations of one kind from one call site (or slab cache).
struct AllocStat {
    std::string kind;  // kmalloc, kmem_cache, page, malloc
    std::string site;  // symbolized call site
    std::string cache; // slab cache name for kmem_cache
    std::string scope; // "workload" or "system"
    std::uint64_t count = 0;
    std::uint64_t bytes = 0;

    bool operator==(const AllocStat&) const = default;
};

// Clock reads of one process and clock id through one path ("libc" or "syscall").
struct ClockStat {
    std::string process;
    std::int64_t pid = 0;
    std::string clock_id; // CLOCK_MONOTONIC, CLOCK_REALTIME, gettimeofday, time, ...
    std::string path;
    std::uint64_t reads = 0;
    bool estimated = false; // extrapolated from sampled windows rather than counted

    bool operator==(const ClockStat&) const = default;
};

// What one read of a clock source costs, measured on this machine.
struct ClockSourceCost {
    std::string clocksource;
    double vdso_ns = 0;
    double syscall_ns = 0;
    bool current = false; // the clock source the run used

    bool operator==(const ClockSourceCost&) const = default;
};

// Any other named scalar: requests, merges, lost events, attach failures.
struct Counter {
    std::string name;
    std::map<std::string, std::string> dimensions;
    double value = 0;
    bool estimated = false;

    bool operator==(const Counter&) const = default;
};

} // namespace iolab
