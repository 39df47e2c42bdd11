#include "gui/widgets/screenshot_tour.h"

#include "gui/models/run_list_model.h"
#include "gui/models/sweep_chart.h"
#include "gui/widgets/call_graph_view.h"
#include "gui/widgets/compare_view.h"
#include "gui/widgets/flame_graph_view.h"
#include "gui/widgets/flame_graph_widget.h"
#include "gui/widgets/latency_view.h"
#include "gui/widgets/main_window.h"
#include "gui/widgets/run_view.h"
#include "gui/widgets/sweep_view.h"

#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <functional>
#include <stdexcept>

namespace iolab::gui {
namespace {

constexpr int kTimeoutMs = 60'000;

void settle(const std::function<bool()>& done, const char* what) {
    QDeadlineTimer deadline(kTimeoutMs);
    while (!done()) {
        if (deadline.hasExpired()) {
            throw std::runtime_error(std::string("screenshot tour: timed out waiting for ") + what);
        }
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    QApplication::processEvents();
}

class Shooter {
public:
    Shooter(MainWindow& window, const QString& directory)
        : m_window(window)
        , m_dir(directory) {
        QDir().mkpath(directory);
    }

    void shoot(const QString& name) {
        QApplication::processEvents();
        const QString file = m_dir.filePath(name + QStringLiteral(".png"));
        if (!m_window.grab().save(file)) {
            throw std::runtime_error("screenshot tour: cannot write " + file.toStdString());
        }
        m_files << file;
    }

    QStringList files() const { return m_files; }

private:
    MainWindow& m_window;
    QDir m_dir;
    QStringList m_files;
};

// Runs still recording or failed are no data; the newest of the others is the one shown.
std::vector<std::int64_t> finishedRuns(const MainWindow& window) {
    const auto* model = qobject_cast<const RunFilterModel*>(window.runTable()->model());
    const auto* runs = qobject_cast<const RunListModel*>(model->sourceModel());
    std::vector<std::int64_t> ids;
    for (int row = 0; row < runs->rowCount(); ++row) {
        const Run& run = runs->run(row);
        if (!holdsNoData(run.status) && run.status != RunStatus::Failed) {
            ids.push_back(run.id);
        }
    }
    return ids;
}

void tourFlameGraph(Shooter& shooter, RunView& view) {
    FlameGraphView* flame = view.flameGraph();
    FlameGraphWidget* graph = flame->graph();
    const FlameTree* tree = graph->tree();
    if (!tree || tree->totalSamples() == 0) {
        return;
    }
    flame->setSearchText(QStringLiteral("^(blk_|io_|submit_bio)"));
    shooter.shoot(QStringLiteral("run-flame-search"));
    flame->setSearchText({});
    // Zoom into the widest frame two levels down: the usual first click.
    std::int32_t node = 0;
    for (int level = 0; level < 2 && !tree->node(node).children.empty(); ++level) {
        const auto& children = tree->node(node).children;
        node = *std::max_element(children.begin(), children.end(),
                                 [&](std::int32_t a, std::int32_t b) {
                                     return tree->node(a).total < tree->node(b).total;
                                 });
    }
    graph->zoomTo(node);
    shooter.shoot(QStringLiteral("run-flame-zoomed"));
    graph->zoomTo(0);
    auto* direction = flame->findChild<QComboBox*>(QStringLiteral("direction"));
    direction->setCurrentIndex(1);
    settle([&] { return !flame->isBusy(); }, "the icicle graph");
    shooter.shoot(QStringLiteral("run-icicle"));
    direction->setCurrentIndex(0);
    settle([&] { return !flame->isBusy(); }, "the flame graph");
    // The process picker: every process instead of the workload's.
    flame->setProcessRow(1);
    settle([&] { return !flame->isBusy(); }, "the flame graph of every process");
    shooter.shoot(QStringLiteral("run-flame-all-processes"));
    flame->setProcessRow(0);
    settle([&] { return !flame->isBusy(); }, "the flame graph");
}

void tourCallGraph(Shooter& shooter, RunView& view) {
    view.callGraph()->setProcessRow(1);
    settle([&] { return !view.isBusy(); }, "the call graph of every process");
    shooter.shoot(QStringLiteral("run-callgraph-all-processes"));
    view.callGraph()->setProcessRow(0);
    settle([&] { return !view.isBusy(); }, "the call graph");
}

// The first sweep: its IOPS, its first p99, then a click on the best cell (its first run at the
// flame graph).
void tourSweep(Shooter& shooter, MainWindow& window) {
    const QStringList sweeps = window.sweepNames();
    if (sweeps.isEmpty()) {
        return;
    }
    window.showSweep(sweeps.first());
    SweepView& view = *window.sweepView();
    settle(
        [&] {
            return !window.isBusy() && view.sweep() &&
                   view.sweep()->name == sweeps.first().toStdString();
        },
        "the sweep");
    shooter.shoot(QStringLiteral("sweep"));
    const SweepAnalysis& sweep = *view.sweep();
    const std::size_t shown = view.metric();
    const auto p99 = std::ranges::find_if(
        sweep.metrics, [](const SweepMetric& metric) { return metric.metric.ends_with(".p99"); });
    if (p99 != sweep.metrics.end()) {
        view.setMetric(static_cast<std::size_t>(p99 - sweep.metrics.begin()));
        shooter.shoot(QStringLiteral("sweep-p99"));
        view.setMetric(shown);
    }
    if (sweep.metrics.empty()) {
        return;
    }
    const SweepCell& best = sweep.cells.at(sweep.metrics[shown].best.value_or(0));
    view.activateCell(static_cast<std::size_t>(&best - sweep.cells.data()));
    RunView& run = *window.runView();
    settle(
        [&] {
            return !window.isBusy() && run.record() && run.record()->run.id == best.run_ids.front();
        },
        "the sweep cell's run");
    shooter.shoot(QStringLiteral("sweep-cell-flame"));
}

} // namespace

QStringList saveScreenshots(MainWindow& window, const QString& directory) {
    Shooter shooter(window, directory);
    window.setInteractive(false);
    window.show();
    settle([&] { return !window.isBusy(); }, "the run list");
    shooter.shoot(QStringLiteral("runs"));
    const std::vector<std::int64_t> runs = finishedRuns(window);
    if (runs.empty()) {
        return shooter.files();
    }
    window.showRun(runs.back());
    RunView& view = *window.runView();
    settle(
        [&] { return !window.isBusy() && view.record() && view.record()->run.id == runs.back(); },
        "the run");
    static const char* const tabs[] = {"summary", "flame",       "callgraph", "latency",
                                       "locks",   "allocations", "clock"};
    for (int tab = 0; tab < view.count(); ++tab) {
        view.setCurrentIndex(tab);
        settle([&] { return !window.isBusy(); }, tabs[tab]);
        shooter.shoot(QStringLiteral("run-%1").arg(QLatin1String(tabs[tab])));
        if (tab == RunView::FlameGraph) {
            tourFlameGraph(shooter, view);
        } else if (tab == RunView::CallGraph) {
            tourCallGraph(shooter, view);
        } else if (tab == RunView::Latency && !view.record()->slow_ios.empty()) {
            // The slowest IO's stack, found in the flame graph.
            view.latency()->selectSlowIo(0);
            view.setCurrentIndex(RunView::FlameGraph);
            settle([&] { return !window.isBusy(); }, "the slowest IO's stack");
            shooter.shoot(QStringLiteral("run-flame-slowest-io"));
            view.setCurrentIndex(RunView::Latency);
        } else if (tab == RunView::Locks) {
            view.setLockGrouping(analysis::LockGrouping::Class);
            shooter.shoot(QStringLiteral("run-locks-by-class"));
            view.setLockGrouping(analysis::LockGrouping::Caller);
        }
    }
    if (runs.size() >= 2) {
        window.compareRuns(runs);
        settle([&] { return !window.isBusy() && window.compareView()->comparison(); },
               "the comparison");
        shooter.shoot(QStringLiteral("compare-figures"));
        auto* tabsWidget = window.compareView()->findChild<QTabWidget*>();
        tabsWidget->setCurrentIndex(1);
        shooter.shoot(QStringLiteral("compare-flame"));
        tabsWidget->setCurrentIndex(0);
    }
    tourSweep(shooter, window);
    return shooter.files();
}

} // namespace iolab::gui
