#include "gui/widgets/main_window.h"

#include "analyzer/analysis/selection.h"
#include "analyzer/errors.h"
#include "analyzer/queries/compare_runs.h"
#include "analyzer/queries/sweep_runs.h"
#include "analyzer/store/run_headlines.h"
#include "analyzer/store/store.h"
#include "gui/models/run_list_model.h"
#include "gui/widgets/compare_view.h"
#include "gui/widgets/run_view.h"
#include "gui/widgets/sweep_view.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace iolab::gui {
namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("recentFiles");

struct RunList {
    std::vector<Run> runs;
    std::map<std::int64_t, store::RunHeadline> headlines;
};

// Both reads open their own read-only connection, so they can run on any thread while a
// recorder writes the file.
RunList readRunList(const std::filesystem::path& path) {
    store::Store store(path, store::OpenMode::ReadOnly);
    return {store.listRuns(), store::readRunHeadlines(path)};
}

// A failed background task carries its exception; this turns it into a message.
template <typename T>
std::optional<T> resultOrMessage(QFuture<T>& future, QString& message) {
    try {
        return future.result();
    } catch (const std::exception& error) {
        message = QString::fromStdString(error.what());
    }
    return std::nullopt;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_runs(new RunListModel(this))
    , m_filter(new RunFilterModel(this))
    , m_runTable(new QTableView)
    , m_filterEdit(new QLineEdit)
    , m_compareButton(new QPushButton(tr("Compare selected")))
    , m_sweepButton(new QPushButton(tr("Show sweep")))
    , m_stack(new QStackedWidget)
    , m_placeholder(new QLabel)
    , m_runView(new RunView)
    , m_compareView(new CompareView)
    , m_sweepView(new SweepView)
    , m_progress(new QProgressBar)
    , m_status(new QLabel)
    , m_watcher(new QFileSystemWatcher(this)) {
    setWindowTitle(tr("iolab"));
    setUpRunList();
    setCentralWidget(buildPanes());
    buildStatusBar();
    buildMenus();
    connectSignals();
    resize(1280, 860);
}

// The list of runs: newest first, several selectable, filtered by the text above it.
void MainWindow::setUpRunList() {
    m_filter->setSourceModel(m_runs);
    m_runTable->setModel(m_filter);
    m_runTable->setSortingEnabled(true);
    m_runTable->sortByColumn(RunListModel::Date, Qt::DescendingOrder);
    m_runTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runTable->verticalHeader()->setVisible(false);
    m_runTable->horizontalHeader()->setStretchLastSection(true);
    m_runTable->setAlternatingRowColors(true);
    m_filterEdit->setPlaceholderText(tr("Filter runs by name, tag, series, status or source"));
    m_filterEdit->setClearButtonEnabled(true);
    m_compareButton->setEnabled(false);
    m_compareButton->setToolTip(tr("Select two or more runs, or the runs of a series"));
    m_sweepButton->setEnabled(false);
    m_sweepButton->setToolTip(tr("The sweep the selected run belongs to: its cells as a heat map"));
}

// The runs above (filter, compare button, list), the placeholder, a run or a comparison below.
QWidget* MainWindow::buildPanes() {
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setText(tr("Open an iolab database (File ▸ Open, or iolab-gui FILE)."));

    auto* runsPane = new QWidget;
    auto* runsLayout = new QVBoxLayout(runsPane);
    runsLayout->setContentsMargins(4, 4, 4, 0);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_filterEdit, 1);
    controls->addWidget(m_compareButton);
    controls->addWidget(m_sweepButton);
    runsLayout->addLayout(controls);
    runsLayout->addWidget(m_runTable);

    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_runView);
    m_stack->addWidget(m_compareView);
    m_stack->addWidget(m_sweepView);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(runsPane);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setSizes({200, 640});
    return splitter;
}

void MainWindow::buildStatusBar() {
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_progress);
}

// A changed database file refreshes the list after a quiet half second (a recorder writes in
// bursts); selecting one run shows it, selecting two or more allows comparing them.
void MainWindow::connectSignals() {
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(500);
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refresh);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        m_refreshTimer.start();
        watch();
    });
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &RunFilterModel::setFilterText);
    connect(m_compareButton, &QPushButton::clicked, this, &MainWindow::compareSelected);
    connect(m_sweepButton, &QPushButton::clicked, this, &MainWindow::showSelectedSweep);
    connect(m_sweepView, &SweepView::cellActivated, this, &MainWindow::showCellRuns);
    connect(m_runTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_runTable->selectionModel()->selectedRows();
        m_compareButton->setEnabled(rows.size() >= 2);
        const int row =
            rows.isEmpty()
                ? -1
                : m_runs->rowOfRun(rows.first().data(RunListModel::kRunIdRole).toLongLong());
        m_sweepButton->setEnabled(row >= 0 && !sweepOf(m_runs->run(row)).empty());
        if (rows.size() == 1) {
            showRun(rows.first().data(RunListModel::kRunIdRole).toLongLong());
        }
    });
    connect(m_runView, &RunView::busyChanged, this, [this] { emit busyChanged(isBusy()); });
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("Open on a &server…"), this, &MainWindow::openServerDialog);
    m_recent = file->addMenu(tr("Open &recent"));
    file->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Compare selected runs"), QKeySequence(tr("Ctrl+D")), this,
                    &MainWindow::compareSelected);
    m_sweeps = view->addMenu(tr("&Sweep"));
    updateRecentMenu();
    updateSweepMenu();
}

void MainWindow::openServerDialog() {
    const QString uri =
        QInputDialog::getText(this, tr("Open iolab database on a server"),
                              tr("PostgreSQL URI (postgresql://user@host:port/dbname):"),
                              QLineEdit::Normal, QStringLiteral("postgresql://"));
    if (!uri.isEmpty()) {
        openDatabase(uri);
    }
}

void MainWindow::openDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open iolab database"), QString(),
                                                      tr("iolab databases (*.db);;All files (*)"));
    if (!path.isEmpty()) {
        openDatabase(path);
    }
}

bool MainWindow::openDatabase(const QString& path) {
    try {
        const RunList list = readRunList(path.toStdString());
        m_path = path.toStdString();
        m_runs->setRuns(list.runs, list.headlines);
    } catch (const std::exception& error) {
        showError(tr("Cannot open %1").arg(path), QString::fromStdString(error.what()));
        return false;
    }
    // A server's database is named by its URI (its password left out), a file by its name.
    const bool server = store::isServerLocation(path.toStdString());
    const QString shown = QString::fromStdString(store::displayLocation(path.toStdString()));
    setWindowTitle(tr("iolab — %1").arg(server ? shown : QFileInfo(path).fileName()));
    m_status->setText(tr("%1: %n run(s)", nullptr, m_runs->rowCount()).arg(shown));
    m_runTable->resizeColumnsToContents();
    updateSweepMenu();
    m_stack->setCurrentWidget(m_placeholder);
    m_placeholder->setText(tr("Select a run to see it, or several to compare them."));
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString entry = server ? path : QFileInfo(path).absoluteFilePath();
    recent.removeAll(entry);
    recent.prepend(entry);
    settings.setValue(kRecentKey, recent.mid(0, kMaxRecent));
    updateRecentMenu();
    watch();
    return true;
}

void MainWindow::updateRecentMenu() {
    m_recent->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent) {
        m_recent->addAction(path, this, [this, path] { openDatabase(path); });
    }
    m_recent->setEnabled(!recent.isEmpty());
}

// Watching the -wal file too: a recorder's commit may only touch the write-ahead log.
void MainWindow::watch() {
    if (m_path.empty()) {
        return;
    }
    if (!m_watcher->files().isEmpty()) {
        m_watcher->removePaths(m_watcher->files());
    }
    for (const auto& file : {m_path, std::filesystem::path(m_path.string() + "-wal")}) {
        if (std::filesystem::exists(file)) {
            m_watcher->addPath(QString::fromStdString(file.string()));
        }
    }
}

void MainWindow::refresh() {
    if (m_path.empty()) {
        return;
    }
    const int generation = ++m_listGeneration;
    QtConcurrent::run([path = m_path] {
        return readRunList(path);
    }).then(this, [this, generation](QFuture<RunList> future) {
        QString message;
        const auto list = resultOrMessage(future, message);
        if (generation != m_listGeneration) {
            return;
        }
        if (!list) {
            m_status->setText(tr("Refresh failed: %1").arg(message));
            return;
        }
        const QModelIndexList selected = m_runTable->selectionModel()->selectedRows();
        std::vector<qlonglong> ids;
        for (const QModelIndex& index : selected) {
            ids.push_back(index.data(RunListModel::kRunIdRole).toLongLong());
        }
        const QSignalBlocker blocker(m_runTable->selectionModel());
        m_runs->setRuns(list->runs, list->headlines);
        for (const qlonglong id : ids) {
            const int row = m_runs->rowOfRun(id);
            if (row >= 0) {
                m_runTable->selectionModel()->select(m_filter->mapFromSource(m_runs->index(row, 0)),
                                                     QItemSelectionModel::Select |
                                                         QItemSelectionModel::Rows);
            }
        }
        updateSweepMenu();
        m_status->setText(tr("%1: %n run(s)", nullptr, m_runs->rowCount())
                              .arg(QString::fromStdString(m_path.string())));
    });
}

void MainWindow::showRun(std::int64_t id) {
    setLoading(tr("Loading run %1…").arg(id));
    const int generation = ++m_viewGeneration;
    QtConcurrent::run([path = m_path, id] {
        store::Store store(path, store::OpenMode::ReadOnly);
        return std::make_shared<const RunRecord>(store.loadRun(id));
    })
        .then(this, [this, generation, note = std::exchange(m_runNote, {})](
                        QFuture<std::shared_ptr<const RunRecord>> future) {
            const auto record = viewResult(future, generation, tr("Cannot load the run"));
            if (!record) {
                return;
            }
            m_runView->setRecord(record);
            m_stack->setCurrentWidget(m_runView);
            QString status =
                tr("Run %1: %2").arg(record->run.id).arg(QString::fromStdString(record->run.name));
            m_status->setText(note.isEmpty() ? status : status + QStringLiteral(" — ") + note);
        });
}

void MainWindow::compareSelected() {
    std::vector<std::int64_t> ids;
    for (const QModelIndex& index : m_runTable->selectionModel()->selectedRows()) {
        ids.push_back(index.data(RunListModel::kRunIdRole).toLongLong());
    }
    compareRuns(ids);
}

void MainWindow::compareRuns(const std::vector<std::int64_t>& ids) {
    std::vector<Run> selected;
    for (const std::int64_t id : ids) {
        const int row = m_runs->rowOfRun(id);
        if (row >= 0) {
            selected.push_back(m_runs->run(row));
        }
    }
    const auto sides = splitSelected(selected);
    if (sides.first.runs.empty() || sides.second.runs.empty()) {
        showError(tr("Nothing to compare"),
                  tr("Select two or more runs, or two runs of a series."));
        return;
    }
    setLoading(tr("Comparing %1 against %2 runs…")
                   .arg(sides.first.runs.size())
                   .arg(sides.second.runs.size()));
    const int generation = ++m_viewGeneration;
    QtConcurrent::run([path = m_path, sides] {
        store::Store store(path, store::OpenMode::ReadOnly);
        return std::make_shared<const Comparison>(
            queries::compareSelections(store, sides.first, sides.second));
    }).then(this, [this, generation](QFuture<std::shared_ptr<const Comparison>> future) {
        const auto comparison = viewResult(future, generation, tr("Cannot compare the runs"));
        if (!comparison) {
            return;
        }
        m_compareView->setComparison(comparison);
        m_status->setText(tr("Compared %1 against %2")
                              .arg(QString::fromStdString(comparison->baseline.label),
                                   QString::fromStdString(comparison->candidate.label)));
        m_stack->setCurrentWidget(m_compareView);
    });
}

QStringList MainWindow::sweepNames() const {
    QStringList names;
    for (int row = 0; row < m_runs->rowCount(); ++row) {
        const QString name = QString::fromStdString(sweepOf(m_runs->run(row)));
        if (!name.isEmpty() && !names.contains(name)) {
            names << name;
        }
    }
    names.sort();
    return names;
}

void MainWindow::updateSweepMenu() {
    m_sweeps->clear();
    const QStringList names = sweepNames();
    for (const QString& name : names) {
        m_sweeps->addAction(name, this, [this, name] { showSweep(name); });
    }
    m_sweeps->setEnabled(!names.isEmpty());
}

void MainWindow::showSelectedSweep() {
    const QModelIndexList rows = m_runTable->selectionModel()->selectedRows();
    const int row =
        rows.isEmpty() ? -1
                       : m_runs->rowOfRun(rows.first().data(RunListModel::kRunIdRole).toLongLong());
    if (row >= 0 && !sweepOf(m_runs->run(row)).empty()) {
        showSweep(QString::fromStdString(sweepOf(m_runs->run(row))));
    }
}

void MainWindow::showSweep(const QString& name) {
    setLoading(tr("Analysing sweep %1…").arg(name));
    const int generation = ++m_viewGeneration;
    QtConcurrent::run([path = m_path, name = name.toStdString()] {
        store::Store store(path, store::OpenMode::ReadOnly);
        return std::make_shared<const SweepAnalysis>(queries::analyzeStoredSweep(store, name));
    }).then(this, [this, generation](QFuture<std::shared_ptr<const SweepAnalysis>> future) {
        const auto sweep = viewResult(future, generation, tr("Cannot show the sweep"));
        if (!sweep) {
            return;
        }
        m_sweepView->setSweep(sweep);
        m_status->setText(tr("Sweep %1: click a cell for its runs and their flame graphs")
                              .arg(QString::fromStdString(sweep->name)));
        m_stack->setCurrentWidget(m_sweepView);
    });
}

// The cell's runs are selected together (Compare selected compares them with other runs; a click
// on one shows it); the first is shown at its flame graph.
void MainWindow::showCellRuns(const std::vector<std::int64_t>& ids, const QString& settings) {
    if (ids.empty()) {
        return;
    }
    m_filterEdit->clear();
    {
        const QSignalBlocker blocker(m_runTable->selectionModel());
        m_runTable->selectionModel()->clearSelection();
        for (const std::int64_t id : ids) {
            const int row = m_runs->rowOfRun(id);
            if (row >= 0) {
                const QModelIndex index = m_filter->mapFromSource(m_runs->index(row, 0));
                m_runTable->selectionModel()->select(index, QItemSelectionModel::Select |
                                                                QItemSelectionModel::Rows);
                m_runTable->scrollTo(index);
            }
        }
    }
    m_compareButton->setEnabled(ids.size() >= 2);
    m_sweepButton->setEnabled(true);
    QStringList runs;
    for (const std::int64_t id : ids) {
        runs << QString::number(id);
    }
    m_runNote =
        tr("cell %1, runs %2 selected above").arg(settings, runs.join(QStringLiteral(", ")));
    m_runView->setCurrentIndex(RunView::FlameGraph);
    showRun(ids.front());
}

// A background load for the view below the list has ended: its result, or null when a later
// load replaced it or it failed (said under `failure`).
template <class T>
std::shared_ptr<const T> MainWindow::viewResult(QFuture<std::shared_ptr<const T>>& future,
                                                int generation, const QString& failure) {
    --m_pending;
    QString message;
    const auto result = resultOrMessage(future, message);
    setLoading({});
    if (generation != m_viewGeneration) {
        return nullptr;
    }
    if (!result) {
        showError(failure, message);
        return nullptr;
    }
    return *result;
}

void MainWindow::setLoading(const QString& what) {
    if (!what.isEmpty()) {
        ++m_pending;
        m_status->setText(what);
    }
    m_progress->setVisible(m_pending > 0);
    emit busyChanged(isBusy());
}

bool MainWindow::isBusy() const {
    return m_pending > 0 || m_runView->isBusy();
}

void MainWindow::showError(const QString& title, const QString& text) {
    m_status->setText(text);
    if (m_interactive) {
        QMessageBox::critical(this, title, text);
    }
}

QString MainWindow::statusText() const {
    return m_status->text();
}

} // namespace iolab::gui
