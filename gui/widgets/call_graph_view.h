#pragma once

#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/process_scope.h"
#include "analyzer/model/run_record.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;

namespace iolab::gui {

class CallTreeModel;
class FigureTableModel;
class ProcessScopeModel;

// The call graph of one run, of the workload's processes by default (a picker chooses every
// process or one): the functions (flat profile), the callers and callees of the
// selected one, and the top-down and bottom-up trees, all sortable. Built off the UI thread.
class CallGraphView : public QWidget {
    Q_OBJECT
public:
    explicit CallGraphView(QWidget* parent = nullptr);

    void setRecord(std::shared_ptr<const RunRecord> record);
    bool isBusy() const { return m_busy; }
    // Selects the function named `symbol` in the functions table; false when absent.
    bool selectFunction(const QString& symbol);
    // Picks the process picker's row `row` (0: the workload, 1: all processes, then each).
    void setProcessRow(int row);

signals:
    void busyChanged(bool busy);

private:
    void rebuild();
    void showSelectedFunction();

    std::shared_ptr<const RunRecord> m_record;
    std::shared_ptr<const analysis::FlatProfile> m_flat;
    std::shared_ptr<const analysis::ScopedProfile> m_scoped; // the profile m_flat was built from
    ProcessScopeModel* m_scopes;
    QComboBox* m_scope;
    QLabel* m_scopeLabel;
    QComboBox* m_event;
    QLineEdit* m_filter;
    FigureTableModel* m_functions;
    QSortFilterProxyModel* m_functionProxy;
    QTableView* m_functionTable;
    QLabel* m_selected;
    FigureTableModel* m_callers;
    FigureTableModel* m_callees;
    CallTreeModel* m_topDown;
    CallTreeModel* m_bottomUp;
    QTreeView* m_topDownView;
    QTreeView* m_bottomUpView;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace iolab::gui
