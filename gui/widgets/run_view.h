#pragma once

#include "analyzer/model/run_record.h"

#include <QTabWidget>
#include <memory>

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
    LatencyView* latency() const { return m_latency; }
    // Background work of any tab still running.
    bool isBusy() const;

signals:
    void busyChanged(bool busy);

private:
    QString allocationCallers(int row) const;

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
    FigureTableView* m_allocationsView;
    FigureTableView* m_clocksView;
};

} // namespace iolab::gui
