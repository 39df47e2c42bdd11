#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iolab {

// One of the slowest requests a run saw (block probe, in its windows): where its time went
// (blktrace's phases; a phase is absent when one of its ends was not seen, e.g. no insertion
// for a request issued directly), what it was, and who queued its first bio.
struct SlowIo {
    std::string device;
    std::string operation; // read, write, flush, discard, other
    std::uint64_t sector = 0;
    std::uint64_t bytes = 0;
    std::uint64_t queued_ns = 0; // Q, CLOCK_MONOTONIC
    std::uint64_t q2c_ns = 0;
    std::optional<std::uint64_t> q2g_ns;
    std::optional<std::uint64_t> g2i_ns;
    std::optional<std::uint64_t> i2d_ns;
    std::optional<std::uint64_t> d2c_ns;
    std::int64_t pid = 0;            // the submitter's process id (0: not seen)
    std::string process;             // its command name
    std::vector<Frame> kernel_stack; // outermost first; empty when not taken
    std::vector<Frame> user_stack;   // outermost first; empty for kernel threads

    bool operator==(const SlowIo&) const = default;
};

} // namespace iolab
