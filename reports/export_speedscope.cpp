#include "reports/export_speedscope.h"

#include "analyzer/analysis/folded_export.h"
#include "analyzer/analysis/profile_events.h"
#include "reports/export_stacks.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

namespace iolab::reports {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kSchema = "https://www.speedscope.app/file-format-schema.json";

// Frames are written once, in profile order; `position` maps a canonical frame to its index.
Json sharedFrames(const StackProfile& profile, const std::vector<std::int64_t>& canonical,
                  std::map<std::int64_t, std::size_t>& position) {
    Json frames = Json::array();
    for (std::size_t i = 0; i < profile.frames.size(); ++i) {
        if (canonical[i] != static_cast<std::int64_t>(i)) {
            continue;
        }
        const Frame& frame = profile.frames[i];
        Json entry{{"name", frame.symbol.empty() ? "[unknown]" : frame.symbol}};
        if (!frame.module.empty()) {
            entry["file"] = frame.module;
        }
        position[static_cast<std::int64_t>(i)] = frames.size();
        frames.push_back(std::move(entry));
    }
    return frames;
}

Json sampledProfile(const StackProfile& profile, const std::vector<std::int64_t>& canonical,
                    const std::map<std::int64_t, std::size_t>& position, const std::string& event) {
    std::map<std::int64_t, std::uint64_t> counts; // node -> count, processes merged
    for (const Sample& sample : profile.samples) {
        if (sample.event == event) {
            counts[sample.node] += sample.count;
        }
    }
    Json samples = Json::array();
    Json weights = Json::array();
    std::uint64_t total = 0;
    for (const auto& [node, count] : counts) {
        if (count == 0) {
            continue;
        }
        Json stack = Json::array();
        for (const std::int64_t frame : stackFrames(profile, canonical, node)) {
            stack.push_back(position.at(frame));
        }
        samples.push_back(std::move(stack));
        weights.push_back(count);
        total += count;
    }
    return Json{{"type", "sampled"},
                {"name", event},
                {"unit", "none"},
                {"startValue", 0},
                {"endValue", total},
                {"samples", std::move(samples)},
                {"weights", std::move(weights)}};
}

} // namespace

std::string exportSpeedscope(const StackProfile& profile, const std::string& runName) {
    const std::vector<std::string> events = eventsWithSamples(profile);
    const std::vector<std::int64_t> canonical = analysis::canonicalFrames(profile);
    std::map<std::int64_t, std::size_t> position;
    Json file;
    file["$schema"] = kSchema;
    file["shared"] = {{"frames", sharedFrames(profile, canonical, position)}};
    Json profiles = Json::array();
    for (const std::string& event : events) {
        profiles.push_back(sampledProfile(profile, canonical, position, event));
    }
    file["profiles"] = std::move(profiles);
    file["name"] = runName;
    const auto active =
        std::find(events.begin(), events.end(), analysis::defaultFoldedEvent(profile));
    file["activeProfileIndex"] = active == events.end() ? 0 : active - events.begin();
    file["exporter"] = "iolab";
    return file.dump() + "\n";
}

} // namespace iolab::reports
