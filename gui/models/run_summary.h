#pragma once

#include "analyzer/model/run_record.h"

#include <QString>
#include <QStringList>

namespace iolab::gui {

// What the user must know before trusting the run: it did not complete, figures were measured
// in sampling windows or estimated, events were lost, probes did not attach or said what they
// could not do (probe.NAME.warning: the lock probe could not name slab caches).
QStringList runWarnings(const RunRecord& record);

// The Summary tab, answers first: warnings, IOPS and latency per fio job, block latency per
// device, per-IO costs, what recording cost; the run's metadata below.
QString runSummaryHtml(const RunRecord& record);

} // namespace iolab::gui
