#pragma once

#include "analyzer/analysis/lock_view.h"
#include "analyzer/model/run_record.h"

#include <QTabWidget>
#include <memory>

class QComboBox;
class QTextBrowser;

namespace iolab::gui {

class CallGraphView;
class FigureTableModel;
class FigureTableView;
class FlameGraphView;
class LatencyView;

// One run in tabs: Summary, Flame graph, Call graph, Latency, Locks, Allocations, Clock.
class RunView : public QTabWidget {
    Q_OBJECT
public:
    enum Tab { Summary, FlameGraph, CallGraph, Latency, Locks, Allocations, Clock };

    explicit RunView(QWidget* parent = nullptr);

    void setRecord(std::shared_ptr<const RunRecord> record);
    const RunRecord* record() const { return m_record.get(); }
    FlameGraphView* flameGraph() const { return m_flame; }
    CallGraphView* callGraph() const { return m_callGraph; }
    LatencyView* latency() const { return m_latency; }
    // Background work of any tab still running.
    bool isBusy() const;

    // The Locks tab's grouping: by caller (the default), lock or lock class.
    void setLockGrouping(analysis::LockGrouping grouping);
    // Points the flame graph at the stack that queued the slowest IO of rank `index`: its
    // event, every process, its innermost frame searched.
    void showSlowIoStack(int index);

signals:
    void busyChanged(bool busy);

private:
    QString allocationCallers(int row) const;
    QString lockDetail(int row) const;
    void showLockGroups();

    std::shared_ptr<const RunRecord> m_record;
    QTextBrowser* m_summary;
    FigureTableModel* m_fioJobs;
    FigureTableModel* m_counters;
    FigureTableView* m_fioJobsView;
    FigureTableView* m_countersView;
    FlameGraphView* m_flame;
    CallGraphView* m_callGraph;
    LatencyView* m_latency;
    FigureTableModel* m_locks;
    FigureTableModel* m_allocations;
    FigureTableModel* m_clocks;
    FigureTableView* m_locksView;
    QComboBox* m_lockGrouping;
    std::vector<analysis::LockGroup> m_lockGroups;
    FigureTableView* m_allocationsView;
    FigureTableView* m_clocksView;
};

} // namespace iolab::gui
