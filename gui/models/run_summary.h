#pragma once

#include "analyzer/model/run_record.h"

#include <QString>
#include <QStringList>

namespace iolab::gui {

// What the user must know before trusting the run: it did not complete, events were lost,
// probes did not attach.
QStringList runWarnings(const RunRecord& record);

// The Summary tab: metadata, fio jobs, per-IO costs and counters as rich text.
QString runSummaryHtml(const RunRecord& record);

} // namespace iolab::gui
