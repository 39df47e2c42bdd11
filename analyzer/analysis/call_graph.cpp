#include "analyzer/analysis/call_graph.h"

#include "analyzer/analysis/profile_events.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace iolab::analysis {
namespace {

using LinkCounts = std::map<Frame, std::uint64_t>;

std::vector<CallGraphLink> sortedLinks(const LinkCounts& counts) {
    std::vector<CallGraphLink> links;
    for (const auto& [frame, count] : counts) {
        links.push_back({frame, count});
    }
    std::sort(links.begin(), links.end(), [](const CallGraphLink& a, const CallGraphLink& b) {
        return std::tie(b.count, a.frame.symbol, a.frame.module, a.frame.kind) <
               std::tie(a.count, b.frame.symbol, b.frame.module, b.frame.kind);
    });
    return links;
}

// The stack of `node`, outermost frame first.
void stackOf(const StackProfile& profile, std::size_t node, std::vector<const Frame*>& stack) {
    stack.clear();
    for (std::int64_t at = static_cast<std::int64_t>(node); at != StackNode::kNoParent;
         at = profile.nodes[static_cast<std::size_t>(at)].parent) {
        const StackNode& stackNode = profile.nodes[static_cast<std::size_t>(at)];
        stack.push_back(&profile.frames[static_cast<std::size_t>(stackNode.frame)]);
    }
    std::reverse(stack.begin(), stack.end());
}

void addStacks(const StackProfile& profile, const Frame& function, CallGraphEntry& entry,
               LinkCounts& callers, LinkCounts& callees) {
    std::vector<std::uint64_t> atNode(profile.nodes.size(), 0);
    for (const Sample& sample : profile.samples) {
        if (sample.event == entry.event) {
            atNode[static_cast<std::size_t>(sample.node)] += sample.count;
            entry.event_total += sample.count;
        }
    }
    std::vector<const Frame*> stack;
    std::set<Frame> stackCallers;
    std::set<Frame> stackCallees;
    for (std::size_t node = 0; node < atNode.size(); ++node) {
        if (atNode[node] == 0) {
            continue;
        }
        stackOf(profile, node, stack);
        stackCallers.clear();
        stackCallees.clear();
        bool onStack = false;
        for (std::size_t depth = 0; depth < stack.size(); ++depth) {
            if (*stack[depth] != function) {
                continue;
            }
            onStack = true;
            if (depth > 0) {
                stackCallers.insert(*stack[depth - 1]);
            }
            if (depth + 1 < stack.size()) {
                stackCallees.insert(*stack[depth + 1]);
            }
        }
        if (!onStack) {
            continue;
        }
        entry.inclusive += atNode[node];
        if (*stack.back() == function) {
            entry.self += atNode[node];
        }
        for (const Frame& caller : stackCallers) {
            callers[caller] += atNode[node];
        }
        for (const Frame& callee : stackCallees) {
            callees[callee] += atNode[node];
        }
    }
}

void addEdges(const StackProfile& profile, const Frame& function, CallGraphEntry& entry,
              LinkCounts& callers, LinkCounts& callees) {
    for (const CallEdge& edge : profile.edges) {
        if (edge.event != entry.event) {
            continue;
        }
        const Frame& caller = profile.frames[static_cast<std::size_t>(edge.caller)];
        const Frame& callee = profile.frames[static_cast<std::size_t>(edge.callee)];
        if (callee == function) {
            callers[caller] += edge.count;
        }
        if (caller == function) {
            callees[callee] += edge.count;
            if (callee != function) {
                entry.inclusive += edge.count;
            }
        }
    }
}

std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

std::vector<Frame> findFunctions(const StackProfile& profile, std::string_view symbol) {
    std::vector<Frame> found;
    std::set<Frame> seen;
    for (const Frame& frame : profile.frames) {
        if (frame.symbol == symbol && seen.insert(frame).second) {
            found.push_back(frame);
        }
    }
    return found;
}

std::vector<std::string> closeSymbols(const StackProfile& profile, std::string_view symbol,
                                      std::size_t limit) {
    std::set<std::string> symbols;
    for (const Frame& frame : profile.frames) {
        symbols.insert(frame.symbol);
    }
    // (not a substring, distance, name): substring matches sort first.
    std::vector<std::tuple<bool, std::size_t, std::string>> ranked;
    for (const std::string& candidate : symbols) {
        const bool substring =
            !symbol.empty() &&
            (candidate.find(symbol) != std::string::npos ||
             (candidate.size() >= 3 && symbol.find(candidate) != std::string_view::npos));
        const std::size_t distance = editDistance(candidate, symbol);
        if (substring || distance <= std::max<std::size_t>(2, symbol.size() / 3)) {
            ranked.emplace_back(!substring, distance, candidate);
        }
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> close;
    for (std::size_t i = 0; i < ranked.size() && i < limit; ++i) {
        close.push_back(std::get<2>(ranked[i]));
    }
    return close;
}

CallGraphEntry buildCallGraph(const StackProfile& profile, const Frame& function,
                              const std::string& event) {
    CallGraphEntry entry;
    entry.event = event;
    entry.function = function;
    LinkCounts callers;
    LinkCounts callees;
    addStacks(profile, function, entry, callers, callees);
    addEdges(profile, function, entry, callers, callees);
    entry.callers = sortedLinks(callers);
    entry.callees = sortedLinks(callees);
    return entry;
}

} // namespace iolab::analysis
