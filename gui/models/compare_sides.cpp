#include "gui/models/compare_sides.h"

#include <algorithm>
#include <map>
#include <string>

namespace iolab::gui {

CompareSides compareSides(std::vector<Run> selected) {
    CompareSides sides;
    if (selected.size() < 2) {
        return sides;
    }
    std::sort(selected.begin(), selected.end(),
              [](const Run& a, const Run& b) { return a.id < b.id; });
    std::vector<std::vector<std::int64_t>> groups;
    std::map<std::string, std::size_t> groupOfSeries;
    for (const Run& run : selected) {
        if (run.series.empty()) {
            groups.push_back({run.id});
            continue;
        }
        const auto [it, added] = groupOfSeries.try_emplace(run.series, groups.size());
        if (added) {
            groups.emplace_back();
        }
        groups[it->second].push_back(run.id);
    }
    if (groups.size() == 1) {
        sides.baseline = {groups.front().front()};
        sides.candidate.assign(groups.front().begin() + 1, groups.front().end());
        return sides;
    }
    sides.baseline = groups.front();
    for (std::size_t i = 1; i < groups.size(); ++i) {
        sides.candidate.insert(sides.candidate.end(), groups[i].begin(), groups[i].end());
    }
    return sides;
}

} // namespace iolab::gui
