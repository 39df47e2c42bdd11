#include "reports/terminal/show_profile.h"

#include "analyzer/analysis/profile_events.h"
#include "analyzer/errors.h"

#include <algorithm>
#include <fmt/core.h>

namespace iolab::terminal {

std::vector<std::string> selectEvents(const StackProfile& profile, const std::string& event) {
    std::vector<std::string> events = analysis::profileEvents(profile);
    if (event.empty()) {
        return events;
    }
    if (std::find(events.begin(), events.end(), event) == events.end()) {
        std::string known;
        for (const std::string& name : events) {
            known += (known.empty() ? "" : ", ") + name;
        }
        throw InputError("no samples of event '" + event +
                         "' in this run (events: " + (known.empty() ? "none" : known) + ")");
    }
    return {event};
}

std::string opreportPercent(std::uint64_t part, std::uint64_t whole) {
    const double value =
        whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
    return value >= 100.0 ? fmt::format("{:.3f}", value) : fmt::format("{:.4f}", value);
}

std::string padded(std::string_view text, std::size_t width) {
    std::string out(text);
    out.append(text.size() < width ? width - text.size() : 1, ' ');
    return out;
}

nlohmann::ordered_json frameJson(const Frame& frame) {
    nlohmann::ordered_json json;
    json["symbol"] = frame.symbol;
    json["module"] = frame.module;
    json["kind"] = std::string(toString(frame.kind));
    return json;
}

} // namespace iolab::terminal
