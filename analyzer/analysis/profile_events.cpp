#include "analyzer/analysis/profile_events.h"

#include <algorithm>
#include <map>
#include <set>

namespace iolab::analysis {

std::vector<std::string> profileEvents(const StackProfile& profile) {
    std::vector<std::string> events;
    std::set<std::string> seen;
    const auto note = [&](const std::string& event) {
        if (seen.insert(event).second) {
            events.push_back(event);
        }
    };
    for (const Sample& sample : profile.samples) {
        note(sample.event);
    }
    for (const CallEdge& edge : profile.edges) {
        note(edge.event);
    }
    return events;
}

std::vector<std::int64_t> canonicalFrames(const StackProfile& profile) {
    std::vector<std::int64_t> canonical(profile.frames.size());
    std::map<Frame, std::int64_t> first;
    for (std::size_t i = 0; i < profile.frames.size(); ++i) {
        canonical[i] =
            first.try_emplace(profile.frames[i], static_cast<std::int64_t>(i)).first->second;
    }
    return canonical;
}

} // namespace iolab::analysis
