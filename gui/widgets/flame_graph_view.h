#pragma once

#include "analyzer/model/run_record.h"
#include "gui/models/compare_tables.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QScrollArea;

namespace iolab::gui {

class FlameGraphWidget;
class ProcessScopeModel;

// A flame graph with its controls: whose samples (the workload's processes by default, every
// process, or one), event, flame (top-down) or icicle (bottom-up), order,
// regular-expression search with the matches' share, breadcrumb of the zoom path, SVG export.
// Trees are built off the UI thread.
class FlameGraphView : public QWidget {
    Q_OBJECT
public:
    explicit FlameGraphView(QWidget* parent = nullptr);

    void setRecord(std::shared_ptr<const RunRecord> record);
    // Shows a differential flame graph instead of one run (the event and direction are fixed).
    void setDiff(std::shared_ptr<const DiffFlame> diff);
    FlameGraphWidget* graph() const { return m_graph; }
    bool isBusy() const { return m_busy; }
    void setSearchText(const QString& text);
    // Shows the samples of `event` when the profile has it.
    void setEvent(const QString& event);
    // Picks the process picker's row `row` (0: the workload, 1: all processes, then each).
    void setProcessRow(int row);

signals:
    void busyChanged(bool busy);

private:
    void rebuild();
    void showRoot();
    void applySearch();
    void updateBreadcrumb();
    void exportSvg();
    void setBusy(bool busy);

    std::shared_ptr<const RunRecord> m_record;
    std::shared_ptr<const DiffFlame> m_diff;
    FlameGraphWidget* m_graph;
    QScrollArea* m_scroll = nullptr;
    QLabel* m_eventLabel = nullptr;
    ProcessScopeModel* m_scopes;
    QComboBox* m_scope;
    QString m_scopeLabel; // whose samples the graph shows, printed with its sample count
    QComboBox* m_event;
    QComboBox* m_direction;
    QComboBox* m_order;
    QLineEdit* m_search;
    QLabel* m_share;
    QLabel* m_breadcrumb;
    QProgressBar* m_progress;
    int m_generation = 0;
    bool m_busy = false;
};

} // namespace iolab::gui
