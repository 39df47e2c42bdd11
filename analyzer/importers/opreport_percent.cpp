#include "analyzer/importers/opreport_percent.h"

#include <cmath>

namespace iolab::importers::opreport {

CalleeList::CalleeList(const Row& entry, bool withPercents)
    : m_open(true)
    , m_counting(withPercents) {
    while (m_event < entry.samples.size() && entry.samples[m_event] == 0) {
        ++m_event;
    }
    m_open = m_event < entry.samples.size();
}

void CalleeList::add(const Row& callee) {
    if (!m_counting || m_event >= callee.percents.size()) {
        return;
    }
    m_sum += callee.percents[m_event].value;
    m_slack += callee.percents[m_event].half_unit;
    m_open = m_sum + m_slack < 100;
}

void ReportTotals::addEntry(const Row& entry) {
    m_events.resize(std::max(m_events.size(), entry.samples.size()));
    for (std::size_t i = 0; i < entry.samples.size(); ++i) {
        EventTotal& total = m_events[i];
        total.listed += entry.samples[i];
        if (i < entry.percents.size() && entry.percents[i].value > 0 &&
            entry.samples[i] > total.best_samples) {
            total.best_samples = entry.samples[i];
            total.best_percent = entry.percents[i];
        }
    }
}

void ReportTotals::addUnlisted(ProfileCollector& collector, const std::vector<std::string>& events,
                               Run& run) const {
    for (std::size_t i = 0; i < m_events.size() && i < events.size(); ++i) {
        const EventTotal& event = m_events[i];
        if (event.best_samples == 0) {
            continue;
        }
        const double percent = event.best_percent.value;
        const double total = static_cast<double>(event.best_samples) * 100 / percent;
        // The total is known to the rounding of the percentage it comes from; twice that and
        // one sample more before a row counts as left out.
        const double uncertainty = total * event.best_percent.half_unit / percent;
        const double unlisted = total - static_cast<double>(event.listed);
        if (unlisted <= 2 * uncertainty + 1) {
            continue;
        }
        collector.addSelf({kNotInReport, "", FrameKind::User}, events[i], "", 0,
                          static_cast<std::uint64_t>(std::llround(unlisted)));
        run.metadata["event." + events[i] + ".report_total"] = std::to_string(std::llround(total));
    }
}

} // namespace iolab::importers::opreport
