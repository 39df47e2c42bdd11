#include "reports/export_stacks.h"

#include "analyzer/errors.h"

#include <algorithm>
#include <set>

namespace iolab::reports {

std::vector<std::string> eventsWithSamples(const StackProfile& profile) {
    std::vector<std::string> events;
    std::set<std::string> seen;
    for (const Sample& sample : profile.samples) {
        if (sample.count > 0 && seen.insert(sample.event).second) {
            events.push_back(sample.event);
        }
    }
    if (events.empty()) {
        throw InputError("the run has no stack samples");
    }
    return events;
}

std::vector<std::int64_t> stackFrames(const StackProfile& profile,
                                      const std::vector<std::int64_t>& canonical,
                                      std::int64_t node) {
    std::vector<std::int64_t> frames;
    for (std::int64_t at = node; at != StackNode::kNoParent; at = profile.nodes[at].parent) {
        frames.push_back(canonical[profile.nodes[at].frame]);
    }
    std::reverse(frames.begin(), frames.end());
    return frames;
}

} // namespace iolab::reports
