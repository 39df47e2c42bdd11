#include "analyzer/analysis/flat_profile.h"

#include "analyzer/analysis/diff_flame.h"
#include "analyzer/analysis/profile_events.h"

#include <algorithm>
#include <tuple>

namespace iolab::analysis {
namespace {

double percentOf(std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

struct Counts {
    std::uint64_t self = 0;
    std::uint64_t inclusive = 0;
};

// Adds the stacks' counts of the event to `counts`, indexed by canonical frame.
std::uint64_t countStacks(const StackProfile& profile, const FlatProfileOptions& options,
                          const std::vector<std::int64_t>& canonical, std::vector<Counts>& counts) {
    std::vector<std::uint64_t> atNode(profile.nodes.size(), 0);
    std::uint64_t total = 0;
    for (const Sample& sample : profile.samples) {
        if (sample.event == options.event && countsProcess(options.processes, sample.process)) {
            atNode[static_cast<std::size_t>(sample.node)] += sample.count;
            total += sample.count;
        }
    }
    std::vector<std::int64_t> onStack;
    for (std::size_t node = 0; node < atNode.size(); ++node) {
        if (atNode[node] == 0) {
            continue;
        }
        const auto leaf = static_cast<std::size_t>(profile.nodes[node].frame);
        counts[static_cast<std::size_t>(canonical[leaf])].self += atNode[node];
        onStack.clear();
        for (std::int64_t at = static_cast<std::int64_t>(node); at != StackNode::kNoParent;
             at = profile.nodes[static_cast<std::size_t>(at)].parent) {
            const auto frame =
                static_cast<std::size_t>(profile.nodes[static_cast<std::size_t>(at)].frame);
            onStack.push_back(canonical[frame]);
        }
        std::sort(onStack.begin(), onStack.end());
        onStack.erase(std::unique(onStack.begin(), onStack.end()), onStack.end());
        for (const std::int64_t frame : onStack) {
            counts[static_cast<std::size_t>(frame)].inclusive += atNode[node];
        }
    }
    return total;
}

// For arc-only sources: inclusive = self + the arcs to other functions.
bool countEdges(const StackProfile& profile, const std::string& event,
                const std::vector<std::int64_t>& canonical, std::vector<Counts>& counts) {
    bool any = false;
    for (const CallEdge& edge : profile.edges) {
        if (edge.event != event) {
            continue;
        }
        any = true;
        const std::int64_t caller = canonical[static_cast<std::size_t>(edge.caller)];
        const std::int64_t callee = canonical[static_cast<std::size_t>(edge.callee)];
        if (caller != callee) {
            counts[static_cast<std::size_t>(caller)].inclusive += edge.count;
        }
    }
    return any;
}

} // namespace

FlatProfile buildFlatProfile(const StackProfile& profile, const FlatProfileOptions& options) {
    const std::vector<std::int64_t> canonical = canonicalFrames(profile);
    std::vector<Counts> counts(profile.frames.size());
    FlatProfile flat;
    flat.event = options.event;
    flat.total = countStacks(profile, options, canonical, counts);
    std::vector<Counts> arcs(profile.frames.size());
    if (countEdges(profile, options.event, canonical, arcs)) {
        for (std::size_t i = 0; i < counts.size(); ++i) {
            counts[i].inclusive = counts[i].self + arcs[i].inclusive;
        }
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i].inclusive == 0 && counts[i].self == 0) {
            continue;
        }
        FlatProfileEntry entry;
        entry.frame = profile.frames[i];
        entry.self = counts[i].self;
        entry.inclusive = counts[i].inclusive;
        entry.self_percent = percentOf(entry.self, flat.total);
        entry.inclusive_percent = percentOf(entry.inclusive, flat.total);
        flat.entries.push_back(std::move(entry));
    }
    std::sort(flat.entries.begin(), flat.entries.end(),
              [](const FlatProfileEntry& a, const FlatProfileEntry& b) {
                  return std::tie(b.self, b.inclusive, a.frame.symbol, a.frame.module,
                                  a.frame.kind) < std::tie(a.self, a.inclusive, b.frame.symbol,
                                                           b.frame.module, b.frame.kind);
              });
    return flat;
}

} // namespace iolab::analysis
