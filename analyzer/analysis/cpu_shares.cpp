#include "analyzer/analysis/comparison_parts.h"
#include "analyzer/analysis/process_scope.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace iolab {
namespace {

using Symbol = std::pair<std::string, std::string>; // symbol, module
using Shares = std::map<Symbol, double>;            // percent of the run's samples

std::optional<Shares> selfShares(const RunRecord& record, const std::string& event,
                                 const std::vector<std::string>& processes) {
    const StackProfile& profile = record.profile;
    Shares counts;
    double total = 0;
    for (const Sample& sample : profile.samples) {
        if (sample.event != event || !countsProcess(processes, sample.process)) {
            continue;
        }
        const auto frame = profile.nodes[static_cast<std::size_t>(sample.node)].frame;
        const Frame& leaf = profile.frames[static_cast<std::size_t>(frame)];
        counts[{leaf.symbol, leaf.module}] += static_cast<double>(sample.count);
        total += static_cast<double>(sample.count);
    }
    if (total == 0) {
        return std::nullopt;
    }
    for (auto& [symbol, count] : counts) {
        count = 100.0 * count / total;
    }
    return counts;
}

std::vector<Shares> sideShares(const std::vector<const RunRecord*>& side, const std::string& event,
                               const std::vector<std::string>& processes) {
    std::vector<Shares> shares;
    for (const RunRecord* record : side) {
        if (auto run = selfShares(*record, event, processes)) {
            shares.push_back(std::move(*run));
        }
    }
    return shares;
}

SideFigures figuresOf(const std::vector<Shares>& runs, const Symbol& symbol) {
    SideFigures figures;
    for (const Shares& run : runs) {
        const auto found = run.find(symbol);
        figures.values.push_back(found == run.end() ? 0.0 : found->second);
    }
    figures.moments = describe(figures.values);
    return figures;
}

} // namespace

std::vector<std::string> cpuProcesses(const std::vector<const RunRecord*>& baseline,
                                      const std::vector<const RunRecord*>& candidate,
                                      const ComparisonOptions& options) {
    if (!options.cpu_processes.empty()) {
        return options.cpu_processes;
    }
    std::vector<const RunRecord*> runs = baseline;
    runs.insert(runs.end(), candidate.begin(), candidate.end());
    return analysis::workloadProcesses(runs);
}

std::string dominantEvent(const std::vector<const RunRecord*>& baseline,
                          const std::vector<const RunRecord*>& candidate,
                          const std::vector<std::string>& processes) {
    std::map<std::string, double> counts;
    for (const auto* side : {&baseline, &candidate}) {
        for (const RunRecord* record : *side) {
            for (const Sample& sample : record->profile.samples) {
                if (countsProcess(processes, sample.process)) {
                    counts[sample.event] += static_cast<double>(sample.count);
                }
            }
        }
    }
    std::string best;
    double most = 0;
    for (const auto& [event, count] : counts) {
        if (count > most) {
            best = event;
            most = count;
        }
    }
    return best;
}

std::vector<FunctionShareChange>
functionShareChanges(const std::vector<const RunRecord*>& baseline,
                     const std::vector<const RunRecord*>& candidate, const std::string& event,
                     const std::vector<std::string>& processes, const ComparisonOptions& options) {
    const auto base = sideShares(baseline, event, processes);
    const auto cand = sideShares(candidate, event, processes);
    if (base.empty() || cand.empty()) {
        return {};
    }
    std::map<Symbol, bool> symbols;
    for (const auto* side : {&base, &cand}) {
        for (const Shares& run : *side) {
            for (const auto& [symbol, share] : run) {
                symbols[symbol] = true;
            }
        }
    }
    std::vector<FunctionShareChange> changes;
    for (const auto& [symbol, seen] : symbols) {
        FunctionShareChange change{
            symbol.first, symbol.second, figuresOf(base, symbol), figuresOf(cand, symbol), 0,
            std::nullopt};
        change.change_points = change.candidate.moments.mean - change.baseline.moments.mean;
        if (change.change_points != 0) {
            change.test =
                welchTest(change.baseline.moments, change.candidate.moments, options.confidence);
            changes.push_back(std::move(change));
        }
    }
    std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return std::abs(a.change_points) > std::abs(b.change_points);
    });
    if (changes.size() > options.top_functions) {
        changes.resize(options.top_functions);
    }
    return changes;
}

} // namespace iolab
