#include "gui/widgets/run_view.h"

#include "analyzer/analysis/call_graph.h"
#include "analyzer/analysis/flat_profile.h"
#include "gui/models/block_story.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/flame_tree.h"
#include "gui/models/format.h"
#include "gui/models/run_summary.h"
#include "gui/models/run_tables.h"
#include "gui/widgets/call_graph_view.h"
#include "gui/widgets/figure_table_view.h"
#include "gui/widgets/flame_graph_view.h"
#include "gui/widgets/latency_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace iolab::gui {
namespace {

QWidget* titled(const QString& title, QWidget* content) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(title)));
    layout->addWidget(content);
    return box;
}

} // namespace

RunView::RunView(QWidget* parent)
    : QTabWidget(parent)
    , m_summary(new QTextBrowser)
    , m_fioJobs(new FigureTableModel(this))
    , m_counters(new FigureTableModel(this))
    , m_fioJobsView(new FigureTableView(m_fioJobs, tr("No fio jobs in this run.")))
    , m_countersView(new FigureTableView(m_counters, tr("No counters in this run.")))
    , m_flame(new FlameGraphView)
    , m_callGraph(new CallGraphView)
    , m_latency(new LatencyView)
    , m_locks(new FigureTableModel(this))
    , m_allocations(new FigureTableModel(this))
    , m_clocks(new FigureTableModel(this))
    , m_locksView(new FigureTableView(m_locks, tr("No lock contention recorded in this run."),
                                      [this](int row) { return lockDetail(row); }))
    , m_lockGrouping(new QComboBox)
    , m_allocationsView(new FigureTableView(m_allocations,
                                            tr("No allocations recorded in this run."),
                                            [this](int row) { return allocationCallers(row); }))
    , m_clocksView(new FigureTableView(m_clocks, tr("No clock reads recorded in this run."))) {
    m_summary->setOpenLinks(false);
    auto* summary = new QSplitter(Qt::Vertical);
    summary->addWidget(m_summary);
    summary->addWidget(titled(tr("fio jobs"), m_fioJobsView));
    summary->addWidget(titled(tr("Counters"), m_countersView));
    summary->setStretchFactor(0, 3);
    summary->setStretchFactor(1, 1);
    summary->setStretchFactor(2, 2);
    addTab(summary, tr("Summary"));
    addTab(m_flame, tr("Flame graph"));
    addTab(m_callGraph, tr("Call graph"));
    addTab(m_latency, tr("Latency"));
    m_lockGrouping->addItem(tr("By caller"));
    m_lockGrouping->addItem(tr("By lock"));
    m_lockGrouping->addItem(tr("By lock class"));
    connect(m_lockGrouping, &QComboBox::currentIndexChanged, this, &RunView::showLockGroups);
    auto* locks = new QWidget;
    auto* lockControls = new QHBoxLayout;
    lockControls->addWidget(new QLabel(tr("Group contended locks:")));
    lockControls->addWidget(m_lockGrouping);
    lockControls->addStretch(1);
    auto* locksLayout = new QVBoxLayout(locks);
    locksLayout->addLayout(lockControls);
    locksLayout->addWidget(m_locksView, 1);
    addTab(locks, tr("Locks"));
    addTab(m_allocationsView, tr("Allocations"));
    addTab(m_clocksView, tr("Clock"));
    const auto relay = [this] { emit busyChanged(isBusy()); };
    connect(m_flame, &FlameGraphView::busyChanged, this, relay);
    connect(m_latency, &LatencyView::slowIoSelected, this, &RunView::showSlowIoStack);
    connect(m_latency, &LatencyView::slowIoOpened, this, [this] { setCurrentIndex(FlameGraph); });
    connect(m_callGraph, &CallGraphView::busyChanged, this, relay);
}

void RunView::setRecord(std::shared_ptr<const RunRecord> record) {
    m_record = std::move(record);
    const RunRecord& run = *m_record;
    m_summary->setHtml(runSummaryHtml(run));
    showFioJobs(*m_fioJobs, run);
    showCounters(*m_counters, run);
    showLockGroups();
    showAllocations(*m_allocations, run);
    showClocks(*m_clocks, run);
    for (FigureTableView* view : {m_fioJobsView, m_countersView, m_allocationsView, m_clocksView}) {
        view->refresh();
    }
    m_latency->setRecord(run);
    // The graphs draw the slowest IOs' stacks as one more event.
    const auto withStacks =
        run.slow_ios.empty() ? m_record : std::make_shared<const RunRecord>(withSlowIoStacks(run));
    m_flame->setRecord(withStacks);
    m_callGraph->setRecord(withStacks);
}

void RunView::showSlowIoStack(int index) {
    if (!m_record || index < 0 || static_cast<std::size_t>(index) >= m_record->slow_ios.size()) {
        return;
    }
    m_flame->setProcessRow(1); // every process: writeback queues from kernel threads
    m_flame->setEvent(QString::fromLatin1(kSlowIoEvent));
    m_flame->setSearchText(
        innermostFramePattern(m_record->slow_ios[static_cast<std::size_t>(index)]));
}

void RunView::setLockGrouping(analysis::LockGrouping grouping) {
    m_lockGrouping->setCurrentIndex(static_cast<int>(grouping));
}

void RunView::showLockGroups() {
    if (!m_record) {
        return;
    }
    const auto grouping = static_cast<analysis::LockGrouping>(m_lockGrouping->currentIndex());
    m_lockGroups = analysis::groupLocks(m_record->locks, grouping);
    showLocks(*m_locks, *m_record, m_lockGroups, grouping);
    m_locksView->refresh();
}

QString RunView::lockDetail(int row) const {
    if (!m_record) {
        return {};
    }
    const analysis::LockGroup& group = m_lockGroups.at(static_cast<std::size_t>(row));
    QString text = tr("%1: %2 locks").arg(QString::fromStdString(group.key)).arg(group.locks);
    // The stacks of the group's locks with the longest waits, each innermost first.
    constexpr std::size_t kStacks = 3;
    const analysis::LockNames names(m_record->locks);
    for (std::size_t i = 0; i < std::min(kStacks, group.members.size()); ++i) {
        const LockStat& lock = m_record->locks.at(group.members[i]);
        text +=
            tr("\n\n%1 (%2), %3 waits, %4 total; stack, innermost first:\n")
                .arg(QString::fromStdString(names.name(lock)), QString::fromStdString(lock.kind))
                .arg(lock.contentions)
                .arg(formatNs(static_cast<double>(lock.total_wait_ns)));
        text += stackLines(lock.stack).join('\n');
    }
    return text;
}

bool RunView::isBusy() const {
    return m_flame->isBusy() || m_callGraph->isBusy();
}

QString RunView::allocationCallers(int row) const {
    if (!m_record) {
        return {};
    }
    const AllocStat& allocation = m_record->allocations.at(static_cast<std::size_t>(row));
    QString text =
        tr("%1 from %2")
            .arg(QString::fromStdString(allocation.kind), QString::fromStdString(allocation.site));
    if (!allocation.cache.empty()) {
        text += tr(" (cache %1)").arg(QString::fromStdString(allocation.cache));
    }
    const auto functions = analysis::findFunctions(m_record->profile, allocation.site);
    const auto events = eventsBySamples(m_record->profile);
    if (functions.empty() || events.empty()) {
        return text + tr("\n\nThe CPU profile has no samples in %1, so its callers are unknown.")
                          .arg(QString::fromStdString(allocation.site));
    }
    const auto graph =
        analysis::buildCallGraph(m_record->profile, functions.front(), events.front());
    text += tr("\n\nCallers of %1 in the CPU profile (%2 samples):")
                .arg(QString::fromStdString(allocation.site))
                .arg(graph.inclusive);
    for (const auto& caller : graph.callers) {
        text += QStringLiteral("\n  %1  %2 samples  %3")
                    .arg(QString::fromStdString(caller.frame.symbol))
                    .arg(caller.count)
                    .arg(moduleLabel(caller.frame.module));
    }
    return text;
}

} // namespace iolab::gui
