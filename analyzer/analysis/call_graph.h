#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::analysis {

// A caller or callee of the function a CallGraphEntry describes.
struct CallGraphLink {
    Frame frame;
    std::uint64_t count = 0; // samples of the event that went through this arc
};

// One function with the functions that called it and the ones it called, for one event, like a
// block of `opreport -c` or perf report's caller/callee view.
struct CallGraphEntry {
    std::string event;
    Frame function;
    std::uint64_t self = 0;        // samples in the function itself
    std::uint64_t inclusive = 0;   // samples with the function on the stack (once per stack)
    std::uint64_t event_total = 0; // all samples of the event, for percentages
    // Sorted by count descending, then symbol, then module.
    std::vector<CallGraphLink> callers;
    std::vector<CallGraphLink> callees;
};

// The frames (one per module) whose symbol is exactly `symbol`, in frame order, deduplicated.
std::vector<Frame> findFunctions(const StackProfile& profile, std::string_view symbol);

// Up to `limit` distinct symbols of the profile closest to `symbol` (substring matches first,
// then by edit distance), for "did you mean" messages.
std::vector<std::string> closeSymbols(const StackProfile& profile, std::string_view symbol,
                                      std::size_t limit = 5);

// Callers, callees and self count of `function` for `event`. From the stacks (prefix tree): in
// each stack through the function, the frame just outside it is a caller and the frame just
// inside it a callee, each counted once per stack. From the call edges (opreport -c imports):
// edges into the function are callers, edges out of it are callees. A profile holding both adds
// them up. A function that calls itself lists itself as its own caller and callee.
CallGraphEntry buildCallGraph(const StackProfile& profile, const Frame& function,
                              const std::string& event);

} // namespace iolab::analysis
