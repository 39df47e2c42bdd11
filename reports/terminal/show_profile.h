#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

// The profile views of `iolab show`: --symbols, --callgraph SYMBOL and --tree. Each renders the
// text opreport and perf report users read, or JSON with a fixed key order; neither holds run
// ids or times, so the same profile always gives the same bytes.
namespace iolab::terminal {

struct ProfileViewOptions {
    std::string event;      // one event; empty for every event of the profile
    std::size_t limit = 0;  // --symbols: at most this many functions per event; 0 for all
    std::size_t depth = 0;  // --tree: deepest level shown; 0 for all
    bool bottom_up = false; // --tree: callers under the functions where samples landed
};

// The events to show: `event` alone (InputError naming the profile's events when it has none of
// it), or all of them in the profile's order.
std::vector<std::string> selectEvents(const StackProfile& profile, const std::string& event);

std::string renderSymbols(const StackProfile& profile, const ProfileViewOptions& options);
nlohmann::ordered_json symbolsJson(const StackProfile& profile, const ProfileViewOptions& options);

// InputError when no frame has that symbol, suggesting close ones.
std::string renderCallGraph(const StackProfile& profile, const std::string& symbol,
                            const ProfileViewOptions& options);
nlohmann::ordered_json callGraphJson(const StackProfile& profile, const std::string& symbol,
                                     const ProfileViewOptions& options);

// Takes a view's text piece by piece, each piece whole lines: a view of millions of lines is
// written as it is made instead of held in memory.
using TextSink = std::function<void(std::string_view)>;

void writeTree(const StackProfile& profile, const ProfileViewOptions& options,
               const TextSink& sink);
nlohmann::ordered_json treeJson(const StackProfile& profile, const ProfileViewOptions& options);

// Helpers shared by the views.
// opreport's percentage: 7 characters ("100.000", "20.0000", "0.0054").
std::string opreportPercent(std::uint64_t part, std::uint64_t whole);
// `text` padded to `width`, or followed by one space when longer: opreport's columns.
std::string padded(std::string_view text, std::size_t width);
nlohmann::ordered_json frameJson(const Frame& frame);

} // namespace iolab::terminal
