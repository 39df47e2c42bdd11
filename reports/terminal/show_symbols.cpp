#include "analyzer/analysis/flat_profile.h"
#include "reports/terminal/show_profile.h"

#include <fmt/core.h>

namespace iolab::terminal {
namespace {

constexpr std::size_t kCount = 9;
constexpr std::size_t kPercent = 9;
constexpr std::size_t kInclusive = 11;
constexpr std::size_t kModule = 25;

std::vector<analysis::FlatProfileEntry> shown(const analysis::FlatProfile& flat,
                                              std::size_t limit) {
    std::vector<analysis::FlatProfileEntry> entries = flat.entries;
    if (limit != 0 && entries.size() > limit) {
        entries.resize(limit);
    }
    return entries;
}

} // namespace

std::string renderSymbols(const StackProfile& profile, const ProfileViewOptions& options) {
    std::string out;
    for (const std::string& event : selectEvents(profile, options.event)) {
        const analysis::FlatProfile flat = analysis::buildFlatProfile(profile, {event, {}});
        if (!out.empty()) {
            out += "\n";
        }
        out += fmt::format("{}: {} samples\n", event, flat.total);
        out += padded("self", kCount) + padded("%", kPercent) + padded("inclusive", kInclusive) +
               padded("%", kPercent) + padded("module", kModule) + "symbol\n";
        for (const auto& entry : shown(flat, options.limit)) {
            out += padded(std::to_string(entry.self), kCount) +
                   padded(opreportPercent(entry.self, flat.total), kPercent) +
                   padded(std::to_string(entry.inclusive), kInclusive) +
                   padded(opreportPercent(entry.inclusive, flat.total), kPercent) +
                   padded(entry.frame.module, kModule) + entry.frame.symbol + "\n";
        }
        if (options.limit != 0 && flat.entries.size() > options.limit) {
            out += fmt::format("({} more functions; --limit 0 shows all)\n",
                               flat.entries.size() - options.limit);
        }
    }
    if (out.empty()) {
        out = "no samples in this run\n";
    }
    return out;
}

nlohmann::ordered_json symbolsJson(const StackProfile& profile, const ProfileViewOptions& options) {
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (const std::string& event : selectEvents(profile, options.event)) {
        const analysis::FlatProfile flat = analysis::buildFlatProfile(profile, {event, {}});
        nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
        for (const auto& entry : shown(flat, options.limit)) {
            nlohmann::ordered_json json = frameJson(entry.frame);
            json["self"] = entry.self;
            json["self_percent"] = entry.self_percent;
            json["inclusive"] = entry.inclusive;
            json["inclusive_percent"] = entry.inclusive_percent;
            symbols.push_back(std::move(json));
        }
        nlohmann::ordered_json json;
        json["event"] = event;
        json["total"] = flat.total;
        json["functions"] = flat.entries.size();
        json["symbols"] = std::move(symbols);
        events.push_back(std::move(json));
    }
    return {{"events", std::move(events)}};
}

} // namespace iolab::terminal
