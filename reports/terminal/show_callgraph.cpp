#include "analyzer/analysis/call_graph.h"
#include "analyzer/errors.h"
#include "reports/terminal/show_profile.h"

#include <algorithm>
#include <fmt/core.h>
#include <tuple>

namespace iolab::terminal {
namespace {

constexpr std::size_t kCount = 9;
constexpr std::size_t kPercent = 9;
constexpr std::size_t kModule = 25;
constexpr std::string_view kIndent = "  ";
const std::string kSeparator(79, '-');

std::vector<Frame> functionsNamed(const StackProfile& profile, const std::string& symbol) {
    std::vector<Frame> functions = analysis::findFunctions(profile, symbol);
    if (functions.empty()) {
        const std::vector<std::string> close = analysis::closeSymbols(profile, symbol);
        std::string hint;
        for (const std::string& name : close) {
            hint += (hint.empty() ? "; close matches: " : ", ") + name;
        }
        throw InputError("no function '" + symbol + "' in this run" + hint);
    }
    return functions;
}

// The blocks to show: one per function and event the function took part in.
std::vector<analysis::CallGraphEntry>
entries(const StackProfile& profile, const std::string& symbol, const ProfileViewOptions& options) {
    std::vector<analysis::CallGraphEntry> found;
    for (const std::string& event : selectEvents(profile, options.event)) {
        for (const Frame& function : functionsNamed(profile, symbol)) {
            analysis::CallGraphEntry entry = analysis::buildCallGraph(profile, function, event);
            if (entry.inclusive != 0 || !entry.callers.empty() || !entry.callees.empty()) {
                found.push_back(std::move(entry));
            }
        }
    }
    return found;
}

std::string line(std::string_view indent, std::uint64_t count, std::uint64_t whole,
                 const Frame& frame, std::string_view suffix) {
    return std::string(indent) + padded(std::to_string(count), kCount) +
           padded(opreportPercent(count, whole), kPercent) + padded(frame.module, kModule) +
           frame.symbol + std::string(suffix) + "\n";
}

std::uint64_t sum(const std::vector<analysis::CallGraphLink>& links) {
    std::uint64_t total = 0;
    for (const auto& link : links) {
        total += link.count;
    }
    return total;
}

std::string block(const analysis::CallGraphEntry& entry) {
    std::string out;
    const std::uint64_t callerTotal = sum(entry.callers);
    for (const auto& caller : entry.callers) {
        out += line(kIndent, caller.count, callerTotal, caller.frame, "");
    }
    out += line("", entry.self, entry.event_total, entry.function, "");
    // Like opreport: the function's own samples are one of its callees, marked [self].
    std::vector<std::tuple<std::uint64_t, bool, analysis::CallGraphLink>> below;
    below.emplace_back(entry.self, true, analysis::CallGraphLink{entry.function, entry.self});
    for (const auto& callee : entry.callees) {
        below.emplace_back(callee.count, false, callee);
    }
    std::stable_sort(below.begin(), below.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(b), std::get<1>(b)) < std::tie(std::get<0>(a), std::get<1>(a));
    });
    const std::uint64_t calleeTotal = entry.self + sum(entry.callees);
    for (const auto& [count, self, link] : below) {
        out += line(kIndent, count, calleeTotal, link.frame, self ? " [self]" : "");
    }
    return out + kSeparator + "\n";
}

nlohmann::ordered_json linksJson(const std::vector<analysis::CallGraphLink>& links,
                                 std::uint64_t whole) {
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const auto& link : links) {
        nlohmann::ordered_json item = frameJson(link.frame);
        item["count"] = link.count;
        item["percent"] =
            whole == 0 ? 0.0 : 100.0 * static_cast<double>(link.count) / static_cast<double>(whole);
        json.push_back(std::move(item));
    }
    return json;
}

} // namespace

std::string renderCallGraph(const StackProfile& profile, const std::string& symbol,
                            const ProfileViewOptions& options) {
    std::string out;
    std::string event;
    for (const auto& entry : entries(profile, symbol, options)) {
        if (entry.event != event) {
            event = entry.event;
            out += fmt::format("{}{}: {} samples\n", out.empty() ? "" : "\n", event,
                               entry.event_total);
            out += padded("samples", kCount) + padded("%", kPercent) + padded("module", kModule) +
                   "symbol\n" + kSeparator + "\n";
        }
        out += fmt::format("{} [{}]: self {} ({}%), inclusive {} ({}%)\n", entry.function.symbol,
                           entry.function.module, entry.self,
                           opreportPercent(entry.self, entry.event_total), entry.inclusive,
                           opreportPercent(entry.inclusive, entry.event_total));
        out += block(entry);
    }
    if (out.empty()) {
        out = fmt::format("'{}' has no samples{}\n", symbol,
                          options.event.empty() ? "" : " of " + options.event);
    }
    return out;
}

nlohmann::ordered_json callGraphJson(const StackProfile& profile, const std::string& symbol,
                                     const ProfileViewOptions& options) {
    nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
    for (const auto& entry : entries(profile, symbol, options)) {
        nlohmann::ordered_json json;
        json["event"] = entry.event;
        json["event_total"] = entry.event_total;
        json["function"] = frameJson(entry.function);
        json["self"] = entry.self;
        json["inclusive"] = entry.inclusive;
        json["callers"] = linksJson(entry.callers, sum(entry.callers));
        json["callees"] = linksJson(entry.callees, entry.self + sum(entry.callees));
        blocks.push_back(std::move(json));
    }
    return {{"symbol", symbol}, {"blocks", std::move(blocks)}};
}

} // namespace iolab::terminal
