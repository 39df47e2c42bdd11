#include "gui/widgets/call_graph_view.h"

#include "analyzer/analysis/call_graph.h"
#include "analyzer/analysis/call_tree.h"
#include "gui/models/call_graph_tables.h"
#include "gui/models/call_tree_model.h"
#include "gui/models/figure_table_model.h"
#include "gui/models/flame_tree.h"
#include "gui/models/format.h"
#include "gui/models/process_scope_model.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace iolab::gui {
namespace {

struct CallGraphData {
    std::shared_ptr<const analysis::ScopedProfile> scoped;
    std::shared_ptr<const analysis::FlatProfile> flat;
    analysis::CallTree topDown;
    analysis::CallTree bottomUp;
};

QTableView* makeTable(QAbstractItemModel* model) {
    auto* table = new QTableView;
    auto* proxy = new QSortFilterProxyModel(table);
    proxy->setSourceModel(model);
    proxy->setSortRole(FigureTableModel::kSortRole);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(1, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTreeView* makeTree(CallTreeModel* model) {
    auto* tree = new QTreeView;
    tree->setModel(model);
    tree->setSortingEnabled(true);
    tree->sortByColumn(CallTreeModel::Inclusive, Qt::DescendingOrder);
    tree->setUniformRowHeights(true);
    tree->header()->setStretchLastSection(true);
    return tree;
}

} // namespace

CallGraphView::CallGraphView(QWidget* parent)
    : QWidget(parent)
    , m_scopes(new ProcessScopeModel(this))
    , m_scope(new QComboBox)
    , m_scopeLabel(new QLabel)
    , m_event(new QComboBox)
    , m_filter(new QLineEdit)
    , m_functions(new FigureTableModel(this))
    , m_functionProxy(new QSortFilterProxyModel(this))
    , m_functionTable(new QTableView)
    , m_selected(new QLabel)
    , m_callers(new FigureTableModel(this))
    , m_callees(new FigureTableModel(this))
    , m_topDown(new CallTreeModel(this))
    , m_bottomUp(new CallTreeModel(this))
    , m_topDownView(makeTree(m_topDown))
    , m_bottomUpView(makeTree(m_bottomUp)) {
    m_functionProxy->setSourceModel(m_functions);
    m_functionProxy->setSortRole(FigureTableModel::kSortRole);
    m_functionProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_functionProxy->setFilterKeyColumn(0);
    m_functionTable->setModel(m_functionProxy);
    m_functionTable->setSortingEnabled(true);
    m_functionTable->sortByColumn(1, Qt::DescendingOrder);
    m_functionTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_functionTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_functionTable->verticalHeader()->setVisible(false);
    m_functionTable->horizontalHeader()->setStretchLastSection(true);
    m_filter->setPlaceholderText(tr("Filter functions"));
    m_filter->setClearButtonEnabled(true);
    m_selected->setWordWrap(true);

    auto* functionsPane = new QWidget;
    auto* functionsLayout = new QVBoxLayout(functionsPane);
    functionsLayout->setContentsMargins(0, 0, 0, 0);
    m_scope->setModel(m_scopes);
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_scope);
    controls->addWidget(new QLabel(tr("Event:")));
    controls->addWidget(m_event);
    controls->addWidget(m_filter, 1);
    functionsLayout->addLayout(controls);
    functionsLayout->addWidget(m_scopeLabel);
    functionsLayout->addWidget(m_functionTable);

    auto* linksPane = new QWidget;
    auto* linksLayout = new QVBoxLayout(linksPane);
    linksLayout->setContentsMargins(0, 0, 0, 0);
    linksLayout->addWidget(m_selected);
    linksLayout->addWidget(new QLabel(tr("<b>Callers</b>")));
    linksLayout->addWidget(makeTable(m_callers));
    linksLayout->addWidget(new QLabel(tr("<b>Callees</b>")));
    linksLayout->addWidget(makeTable(m_callees));

    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(functionsPane);
    top->addWidget(linksPane);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto* trees = new QTabWidget;
    trees->addTab(m_topDownView, tr("Top-down tree"));
    trees->addTab(m_bottomUpView, tr("Bottom-up tree"));
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(top);
    splitter->addWidget(trees);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_event, &QComboBox::currentIndexChanged, this, &CallGraphView::rebuild);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &CallGraphView::rebuild);
    connect(m_filter, &QLineEdit::textChanged, m_functionProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_functionTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CallGraphView::showSelectedFunction);
}

void CallGraphView::setRecord(std::shared_ptr<const RunRecord> record) {
    m_record = std::move(record);
    const QSignalBlocker blocker(m_event);
    const QSignalBlocker scopeBlocker(m_scope);
    m_scopes->setRecord(*m_record);
    m_scope->setCurrentIndex(0);
    m_event->clear();
    for (const std::string& event : eventsBySamples(m_record->profile)) {
        m_event->addItem(QString::fromStdString(event));
    }
    rebuild();
}

void CallGraphView::rebuild() {
    const int generation = ++m_generation;
    if (!m_record || m_event->count() == 0) {
        m_functions->setTable({}, {});
        m_selected->setText(tr("No CPU samples in this run."));
        return;
    }
    const std::string event = m_event->currentText().toStdString();
    const analysis::ProcessScope scope = m_scopes->scopeAt(m_scope->currentIndex());
    m_busy = true;
    emit busyChanged(true);
    QtConcurrent::run([record = m_record, scope, event] {
        CallGraphData data;
        data.scoped =
            std::make_shared<const analysis::ScopedProfile>(analysis::scopeProfile(*record, scope));
        const StackProfile& profile = data.scoped->profile;
        data.flat = std::make_shared<const analysis::FlatProfile>(
            analysis::buildFlatProfile(profile, {event, {}}));
        data.topDown =
            analysis::buildCallTree(profile, {event, analysis::CallTreeDirection::TopDown, ""});
        data.bottomUp =
            analysis::buildCallTree(profile, {event, analysis::CallTreeDirection::BottomUp, ""});
        return data;
    }).then(this, [this, generation](CallGraphData data) {
        if (generation != m_generation) {
            return;
        }
        m_flat = data.flat;
        m_scoped = data.scoped;
        m_scopeLabel->setText(tr("CPU of %1: %2 samples of %3")
                                  .arg(QString::fromStdString(m_scoped->label).toHtmlEscaped())
                                  .arg(m_flat->total)
                                  .arg(QString::fromStdString(m_flat->event).toHtmlEscaped()));
        showFunctions(*m_functions, *m_flat);
        m_topDown->setTree(std::move(data.topDown));
        m_bottomUp->setTree(std::move(data.bottomUp));
        m_topDownView->expandToDepth(2);
        m_topDownView->resizeColumnToContents(0);
        m_bottomUpView->resizeColumnToContents(0);
        m_functionTable->resizeColumnsToContents();
        m_functionTable->selectRow(0);
        m_busy = false;
        emit busyChanged(false);
    });
}

void CallGraphView::setProcessRow(int row) {
    m_scope->setCurrentIndex(row);
}

bool CallGraphView::selectFunction(const QString& symbol) {
    for (int row = 0; row < m_functionProxy->rowCount(); ++row) {
        if (m_functionProxy->index(row, 0).data().toString() == symbol) {
            m_functionTable->selectRow(row);
            return true;
        }
    }
    return false;
}

void CallGraphView::showSelectedFunction() {
    const QModelIndexList rows = m_functionTable->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_flat || !m_scoped) {
        return;
    }
    const int row = m_functionProxy->mapToSource(rows.first()).row();
    const analysis::FlatProfileEntry& entry = m_flat->entries.at(static_cast<std::size_t>(row));
    const analysis::CallGraphEntry graph =
        analysis::buildCallGraph(m_scoped->profile, entry.frame, m_flat->event);
    const auto share = [&](std::uint64_t count) {
        return formatPercent(graph.event_total > 0 ? static_cast<double>(count) /
                                                         static_cast<double>(graph.event_total)
                                                   : 0);
    };
    m_selected->setText(
        tr("<b>%1</b> [%2]: self %3 (%4), inclusive %5 (%6)")
            .arg(QString::fromStdString(analysis::frameLabel(entry.frame)).toHtmlEscaped(),
                 QString::fromStdString(entry.frame.module).toHtmlEscaped())
            .arg(graph.self)
            .arg(share(graph.self))
            .arg(graph.inclusive)
            .arg(share(graph.inclusive)));
    showCallLinks(*m_callers, graph, true);
    showCallLinks(*m_callees, graph, false);
}

} // namespace iolab::gui
