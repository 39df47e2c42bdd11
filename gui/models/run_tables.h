#pragma once

#include "analyzer/analysis/lock_view.h"
#include "analyzer/model/run_record.h"
#include "gui/models/figure_table_model.h"

#include <QStringList>

// The tables of one run's parts. Per-IO columns divide by the run's IOs as the analyzer counts
// them (analysis::ioCount: the block requests, else fio IOs).
namespace iolab::gui {

// One row per group of contended locks (analysis::groupLocks), in the groups' order.
void showLocks(FigureTableModel& model, const RunRecord& record,
               const std::vector<analysis::LockGroup>& groups, analysis::LockGrouping grouping);
void showAllocations(FigureTableModel& model, const RunRecord& record);
void showClocks(FigureTableModel& model, const RunRecord& record);
void showFioJobs(FigureTableModel& model, const RunRecord& record);
void showCounters(FigureTableModel& model, const RunRecord& record);

// "[kernel.kallsyms]" stays as it is; "/usr/bin/fio" becomes "[/usr/bin/fio]".
QString moduleLabel(const std::string& module);
// A counter's value as `iolab show` prints it (counterText), never 0 for a fraction.
QString counterValue(double value);
// One line per frame, innermost first, as a stack is read.
QStringList stackLines(const std::vector<Frame>& stack);

} // namespace iolab::gui
