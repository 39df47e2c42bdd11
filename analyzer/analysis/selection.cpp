#include "analyzer/analysis/selection.h"

#include "analyzer/errors.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace iolab {
namespace {

constexpr std::string_view kSeriesPrefix = "series:";
constexpr std::string_view kTagPrefix = "tag:";

bool hasTag(const Run& run, std::string_view tag) {
    return std::find(run.tags.begin(), run.tags.end(), tag) != run.tags.end();
}

std::string plural(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " run" : " runs");
}

std::vector<Run> usableWhere(const std::vector<Run>& runs, auto predicate) {
    std::vector<Run> chosen;
    for (const Run& run : runs) {
        if (comparable(run) && predicate(run)) {
            chosen.push_back(run);
        }
    }
    std::sort(chosen.begin(), chosen.end(), [](const Run& a, const Run& b) { return a.id < b.id; });
    return chosen;
}

const Run* findSingle(const std::vector<Run>& runs, std::string_view selector) {
    const Run* newest = nullptr;
    std::int64_t id = 0;
    const auto* end = selector.data() + selector.size();
    const auto [ptr, ec] = std::from_chars(selector.data(), end, id);
    const bool isId = ec == std::errc() && ptr == end;
    for (const Run& run : runs) {
        const bool matches =
            selector == "@latest" || (isId && run.id == id) || run.name == selector;
        if (matches && (newest == nullptr || run.id > newest->id)) {
            newest = &run;
        }
    }
    if (isId && newest != nullptr && newest->id != id) {
        // An id wins over a run that happens to be named like a number.
        for (const Run& run : runs) {
            if (run.id == id) {
                return &run;
            }
        }
    }
    return newest;
}

Selection selectSeries(const std::vector<Run>& runs, std::string_view selector,
                       const std::string& series) {
    Selection selection{std::string(selector), {}, usableWhere(runs, [&](const Run& run) {
                            return run.series == series;
                        })};
    if (selection.runs.empty()) {
        throw InputError("no usable run in series '" + series + "' (see iolab list)");
    }
    selection.label = "series:" + series + " (" + plural(selection.runs.size()) + ")";
    return selection;
}

Selection selectTag(const std::vector<Run>& runs, std::string_view selector,
                    const std::string& tag) {
    const auto tagged = usableWhere(runs, [&](const Run& run) { return hasTag(run, tag); });
    if (tagged.empty()) {
        throw InputError("no usable run tagged '" + tag + "' (see iolab list)");
    }
    // The newest tagged run decides: its series, or the tagged runs that have no series.
    const Run& newest = tagged.back();
    if (!newest.series.empty()) {
        Selection selection = selectSeries(runs, selector, newest.series);
        selection.label = "tag:" + tag + " = " + selection.label;
        return selection;
    }
    Selection selection{std::string(selector), {}, usableWhere(runs, [&](const Run& run) {
                            return hasTag(run, tag) && run.series.empty();
                        })};
    selection.label = "tag:" + tag + " (" + plural(selection.runs.size()) + ")";
    return selection;
}

} // namespace

Selection selectRuns(const std::vector<Run>& runs, std::string_view selector) {
    if (selector.starts_with(kSeriesPrefix)) {
        return selectSeries(runs, selector, std::string(selector.substr(kSeriesPrefix.size())));
    }
    if (selector.starts_with(kTagPrefix)) {
        return selectTag(runs, selector, std::string(selector.substr(kTagPrefix.size())));
    }
    const Run* run = findSingle(runs, selector);
    if (run == nullptr) {
        throw InputError("no run '" + std::string(selector) +
                         "' (give an id, a name, @latest, series:ID or tag:T; see iolab list)");
    }
    if (!comparable(*run)) {
        throw InputError("run " + std::to_string(run->id) + " '" + run->name + "' is " +
                         std::string(toString(run->status)) + ", not data to compare");
    }
    return {std::string(selector), "run " + std::to_string(run->id) + " " + run->name, {*run}};
}

bool comparable(const Run& run) {
    return !holdsNoData(run.status) && run.status != RunStatus::Failed;
}

std::pair<Selection, Selection> splitSelected(std::vector<Run> selected) {
    std::erase_if(selected, [](const Run& run) { return !comparable(run); });
    std::sort(selected.begin(), selected.end(),
              [](const Run& a, const Run& b) { return a.id < b.id; });
    std::vector<std::vector<Run>> groups;
    std::map<std::string, std::size_t> groupOfSeries;
    for (const Run& run : selected) {
        if (run.series.empty()) {
            groups.push_back({run});
            continue;
        }
        const auto [it, added] = groupOfSeries.try_emplace(run.series, groups.size());
        if (added) {
            groups.emplace_back();
        }
        groups[it->second].push_back(run);
    }
    std::pair<Selection, Selection> sides;
    if (selected.size() < 2) {
        return sides;
    }
    if (groups.size() == 1) {
        sides.first.runs = {groups.front().front()};
        sides.second.runs.assign(groups.front().begin() + 1, groups.front().end());
    } else {
        sides.first.runs = groups.front();
        for (std::size_t i = 1; i < groups.size(); ++i) {
            sides.second.runs.insert(sides.second.runs.end(), groups[i].begin(), groups[i].end());
        }
    }
    for (Selection* side : {&sides.first, &sides.second}) {
        side->label =
            side->runs.size() == 1
                ? "run " + std::to_string(side->runs.front().id) + " " + side->runs.front().name
                : plural(side->runs.size()) + " from run " + std::to_string(side->runs.front().id);
        side->selector = side->label;
    }
    return sides;
}

} // namespace iolab
