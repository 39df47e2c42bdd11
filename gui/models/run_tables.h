#pragma once

#include "analyzer/model/run_record.h"
#include "gui/models/figure_table_model.h"

#include <QStringList>

// The tables of one run's parts. Per-IO columns divide by the run's IOs as the analyzer counts
// them (analysis::ioCount: the block requests, else fio IOs).
namespace iolab::gui {

void showLocks(FigureTableModel& model, const RunRecord& record);
void showAllocations(FigureTableModel& model, const RunRecord& record);
void showClocks(FigureTableModel& model, const RunRecord& record);
void showFioJobs(FigureTableModel& model, const RunRecord& record);
void showCounters(FigureTableModel& model, const RunRecord& record);

// A lock's name: its symbol when static, else its address.
QString lockName(const LockStat& lock);
// "[kernel.kallsyms]" stays as it is; "/usr/bin/fio" becomes "[/usr/bin/fio]".
QString moduleLabel(const std::string& module);
// One line per frame, innermost first, as a stack is read.
QStringList stackLines(const std::vector<Frame>& stack);

} // namespace iolab::gui
