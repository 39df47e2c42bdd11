#pragma once

#include "analyzer/importers/opreport_common.h"
#include "analyzer/importers/opreport_layout.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// What the percentage columns of an opreport text report tell beyond its sample counts.
namespace iolab::importers::opreport {

// The callee lines under one entry of a call graph whose separator lines are gone: their
// percentages of the entry add up to 100, so the first indented line past that belongs to
// the next block (a caller of the next entry).
class CalleeList {
public:
    CalleeList() = default; // closed: no entry yet
    // Without percentage columns every indented line after an entry is taken as its callee.
    CalleeList(const Row& entry, bool withPercents);

    bool open() const { return m_open; }
    void add(const Row& callee);

private:
    bool m_open = false;
    bool m_counting = false; // whether percentages close the list
    std::size_t m_event = 0; // the first event the entry has samples of
    double m_sum = 0;        // its callee percentages so far
    double m_slack = 0;      // their rounding: half a unit of each one's last digit
};

// The report's own totals, from the percentages of its entry lines: a report pasted with
// rows left out ("...", opreport --threshold) keeps the percentages it printed only if the
// samples it counted but did not list stay in the profile, on one "[not in the report]"
// frame per event.
class ReportTotals {
public:
    void addEntry(const Row& entry);
    // Adds the unlisted samples of each event whose listed rows fall short of the total its
    // percentages imply by more than their rounding; records that total as
    // "event.NAME.report_total".
    void addUnlisted(ProfileCollector& collector, const std::vector<std::string>& events,
                     Run& run) const;

private:
    struct EventTotal {
        std::uint64_t listed = 0;       // samples on entry lines
        std::uint64_t best_samples = 0; // the largest entry, whose percentage is most exact
        ReportedPercent best_percent;
    };
    std::vector<EventTotal> m_events;
};

inline constexpr const char* kNotInReport = "[not in the report]";

} // namespace iolab::importers::opreport
