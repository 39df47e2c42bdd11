#include "gui/widgets/flame_graph_view.h"

#include "analyzer/analysis/process_scope.h"
#include "gui/models/format.h"
#include "gui/models/process_scope_model.h"
#include "gui/widgets/flame_graph_widget.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace iolab::gui {

FlameGraphView::FlameGraphView(QWidget* parent)
    : QWidget(parent)
    , m_graph(new FlameGraphWidget)
    , m_scopes(new ProcessScopeModel(this))
    , m_scope(new QComboBox)
    , m_event(new QComboBox)
    , m_direction(new QComboBox)
    , m_order(new QComboBox)
    , m_search(new QLineEdit)
    , m_share(new QLabel)
    , m_breadcrumb(new QLabel)
    , m_progress(new QProgressBar) {
    m_direction->setObjectName(QStringLiteral("direction"));
    m_direction->addItem(tr("Flame (top-down)"));
    m_direction->addItem(tr("Icicle (bottom-up)"));
    m_order->addItem(tr("By name"));
    m_order->addItem(tr("By samples"));
    m_search->setPlaceholderText(tr("Search (regular expression)"));
    m_search->setClearButtonEnabled(true);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(120);
    m_progress->setVisible(false);
    auto* exportButton = new QPushButton(tr("Export SVG…"));

    m_scope->setModel(m_scopes);
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scope->setToolTip(tr("Whose samples: the workload's processes (as iolab show counts "
                           "them), every process, or one process"));
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_scope);
    m_eventLabel = new QLabel(tr("Event:"));
    controls->addWidget(m_eventLabel);
    controls->addWidget(m_event);
    controls->addWidget(m_direction);
    controls->addWidget(m_order);
    controls->addWidget(m_search, 1);
    controls->addWidget(m_share);
    controls->addWidget(m_progress);
    controls->addWidget(exportButton);

    auto* scroll = m_scroll = new QScrollArea;
    scroll->setWidget(m_graph);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // A flame grows up from its root at the bottom, an icicle down from the top: when the graph
    // is taller than the view, show the root end.
    connect(scroll->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &FlameGraphView::showRoot);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_breadcrumb);
    layout->addWidget(scroll, 1);

    connect(m_event, &QComboBox::currentIndexChanged, this, &FlameGraphView::rebuild);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &FlameGraphView::rebuild);
    connect(m_direction, &QComboBox::currentIndexChanged, this, &FlameGraphView::rebuild);
    connect(m_order, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_graph->setOrder(index == 0 ? FlameOrder::ByName : FlameOrder::ByTotal);
    });
    connect(m_search, &QLineEdit::textChanged, this, &FlameGraphView::applySearch);
    connect(m_graph, &FlameGraphWidget::zoomChanged, this, &FlameGraphView::updateBreadcrumb);
    m_breadcrumb->setWordWrap(true);
    m_breadcrumb->setTextFormat(Qt::RichText);
    connect(m_breadcrumb, &QLabel::linkActivated, this,
            [this](const QString& link) { m_graph->zoomTo(link.toInt()); });
    connect(exportButton, &QPushButton::clicked, this, &FlameGraphView::exportSvg);
}

void FlameGraphView::setRecord(std::shared_ptr<const RunRecord> record) {
    m_record = std::move(record);
    m_diff.reset();
    const QSignalBlocker blocker(m_event);
    const QSignalBlocker scopeBlocker(m_scope);
    m_scopes->setRecord(*m_record);
    m_scope->setCurrentIndex(0);
    m_scope->setVisible(true);
    m_event->clear();
    for (const std::string& event : eventsBySamples(m_record->profile)) {
        m_event->addItem(QString::fromStdString(event));
    }
    m_event->setVisible(true);
    m_eventLabel->setVisible(true);
    m_direction->setVisible(true);
    rebuild();
}

void FlameGraphView::setDiff(std::shared_ptr<const DiffFlame> diff) {
    m_diff = std::move(diff);
    m_record.reset();
    ++m_generation;
    m_event->setVisible(false);
    m_scope->setVisible(false);
    m_eventLabel->setVisible(false);
    m_direction->setVisible(false);
    m_graph->setTree(std::shared_ptr<const FlameTree>(m_diff, &m_diff->tree));
    m_graph->setChanges(m_diff->changes, m_diff->max_change);
    applySearch();
}

void FlameGraphView::rebuild() {
    if (!m_record) {
        return;
    }
    const int generation = ++m_generation;
    if (m_event->count() == 0) {
        m_graph->setTree(nullptr);
        m_share->setText(tr("no samples in this run"));
        return;
    }
    const std::string event = m_event->currentText().toStdString();
    const FlameDirection direction =
        m_direction->currentIndex() == 0 ? FlameDirection::TopDown : FlameDirection::BottomUp;
    const analysis::ProcessScope scope = m_scopes->scopeAt(m_scope->currentIndex());
    setBusy(true);
    QtConcurrent::run([record = m_record, scope, event, direction] {
        analysis::ScopedProfile scoped = analysis::scopeProfile(*record, scope);
        return std::make_pair(
            QString::fromStdString(scoped.label),
            std::make_shared<const FlameTree>(FlameTree::build(scoped.profile, event, direction)));
    }).then(this, [this, generation](std::pair<QString, std::shared_ptr<const FlameTree>> built) {
        if (generation != m_generation) {
            return;
        }
        m_scopeLabel = built.first;
        m_graph->setTree(std::move(built.second));
        applySearch();
        QMetaObject::invokeMethod(this, &FlameGraphView::showRoot, Qt::QueuedConnection);
        setBusy(false);
    });
}

void FlameGraphView::showRoot() {
    const FlameTree* tree = m_graph->tree();
    QScrollBar* bar = m_scroll->verticalScrollBar();
    bar->setValue(tree && tree->direction() == FlameDirection::TopDown ? bar->maximum() : 0);
}

void FlameGraphView::setProcessRow(int row) {
    m_scope->setCurrentIndex(row);
}

void FlameGraphView::setEvent(const QString& event) {
    if (const int index = m_event->findText(event); index >= 0) {
        m_event->setCurrentIndex(index);
    }
}

void FlameGraphView::setSearchText(const QString& text) {
    m_search->setText(text);
}

void FlameGraphView::applySearch() {
    const QRegularExpression pattern(m_search->text());
    const FlameSearch& result = m_graph->setSearch(pattern);
    if (m_search->text().isEmpty()) {
        if (m_diff) {
            m_share->setText(tr("width: candidate; red grew, blue shrank (share of all samples)"));
        } else {
            m_share->setText(
                m_graph->tree()
                    ? tr("%1: %2 samples").arg(m_scopeLabel).arg(m_graph->tree()->totalSamples())
                    : QString());
        }
    } else if (!pattern.isValid()) {
        m_share->setText(tr("invalid expression"));
    } else {
        m_share->setText(tr("%n match(es), %1 of samples", nullptr, result.matches)
                             .arg(formatPercent(result.share)));
    }
}

void FlameGraphView::updateBreadcrumb() {
    const FlameTree* tree = m_graph->tree();
    if (!tree) {
        m_breadcrumb->clear();
        return;
    }
    QStringList crumbs;
    const auto path = tree->pathTo(m_graph->zoom());
    for (const std::int32_t node : path) {
        const QString name =
            QString::fromStdString(analysis::frameLabel(tree->frameOf(node))).toHtmlEscaped();
        crumbs << (node == m_graph->zoom()
                       ? QStringLiteral("<b>%1</b>").arg(name)
                       : QStringLiteral("<a href=\"%1\">%2</a>").arg(node).arg(name));
    }
    const QString hint =
        path.size() > 1 ? tr("  (Esc zooms out)") : tr("  (click a frame to zoom)");
    m_breadcrumb->setText(tr("Zoom: ") + crumbs.join(QStringLiteral(" › ")) +
                          QStringLiteral("<i>%1</i>").arg(hint));
}

void FlameGraphView::exportSvg() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export flame graph"), QStringLiteral("flamegraph.svg"), tr("SVG images (*.svg)"));
    if (!path.isEmpty()) {
        m_graph->exportSvg(path);
    }
}

void FlameGraphView::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setVisible(busy);
    emit busyChanged(busy);
}

} // namespace iolab::gui
