#pragma once

#include <QFuture>
#include <QMainWindow>
#include <QTimer>
#include <filesystem>
#include <memory>
#include <vector>

class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace iolab::gui {

class CompareView;
class RunFilterModel;
class RunListModel;
class RunView;
class SweepView;

// The workbench: the runs of one database (read-only) above, the selected run, a comparison or
// a sweep below. Runs are loaded and compared off the UI thread; a file watcher and F5 pick up runs
// a recorder adds while the window is open.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Opens `path` read-only; shows a message box and returns false when it is not an iolab
    // database (or is newer than this program).
    bool openDatabase(const QString& path);
    void refresh();
    void showRun(std::int64_t id);
    // Compares the runs: the first (oldest) series or run against the rest.
    void compareRuns(const std::vector<std::int64_t>& ids);
    // The sweeps of the open database (runs tagged sweep:NAME), by name.
    QStringList sweepNames() const;
    // Shows the sweep `name`: its cells as a heat map or bars, the runs of a clicked cell.
    void showSweep(const QString& name);
    // The runs of a sweep cell: selected in the list, the first shown at its flame graph.
    void showCellRuns(const std::vector<std::int64_t>& ids, const QString& settings);

    // Off for tests and screenshot tours: errors go to the status bar only, no modal dialog.
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QString statusText() const;

    RunView* runView() const { return m_runView; }
    CompareView* compareView() const { return m_compareView; }
    SweepView* sweepView() const { return m_sweepView; }
    QTableView* runTable() const { return m_runTable; }
    // Work still running: a run loading, a comparison, a tab building its data.
    bool isBusy() const;

signals:
    void busyChanged(bool busy);

private:
    void setUpRunList();
    QWidget* buildPanes();
    void buildStatusBar();
    void buildMenus();
    void connectSignals();
    void openDialog();
    void openServerDialog();
    void compareSelected();
    void updateRecentMenu();
    void updateSweepMenu();
    void showSelectedSweep();
    void watch();
    template <class T>
    std::shared_ptr<const T> viewResult(QFuture<std::shared_ptr<const T>>& future, int generation,
                                        const QString& failure);
    void setLoading(const QString& what);
    void showError(const QString& title, const QString& text);

    std::filesystem::path m_path;
    RunListModel* m_runs;
    RunFilterModel* m_filter;
    QTableView* m_runTable;
    QLineEdit* m_filterEdit;
    QPushButton* m_compareButton;
    QPushButton* m_sweepButton;
    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    RunView* m_runView;
    CompareView* m_compareView;
    SweepView* m_sweepView;
    QProgressBar* m_progress;
    QLabel* m_status;
    QMenu* m_recent = nullptr;
    QMenu* m_sweeps = nullptr;
    QFileSystemWatcher* m_watcher;
    QTimer m_refreshTimer;
    QString m_runNote;        // said beside the next run shown (the sweep cell it belongs to)
    int m_pending = 0;        // background loads in flight
    int m_viewGeneration = 0; // the run or comparison shown below the list
    int m_listGeneration = 0;
    bool m_interactive = true;
};

} // namespace iolab::gui
