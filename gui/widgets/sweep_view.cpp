#include "gui/widgets/sweep_view.h"

#include "gui/models/figure_table_model.h"
#include "gui/models/sweep_chart.h"
#include "gui/widgets/figure_table_view.h"
#include "gui/widgets/sweep_chart_widget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSplitter>
#include <QVBoxLayout>

namespace iolab::gui {

SweepView::SweepView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_metricPicker(new QComboBox)
    , m_chart(new SweepChartWidget)
    , m_table(new FigureTableModel(this))
    , m_tableView(new FigureTableView(m_table, tr("No cell has this metric."))) {
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::RichText);
    m_metricPicker->setObjectName(QStringLiteral("metric"));
    m_metricPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* picker = new QHBoxLayout;
    picker->addWidget(new QLabel(tr("Metric:")));
    picker->addWidget(m_metricPicker);
    picker->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_chart);
    split->addWidget(m_tableView);
    // Room for a two-row heat map and a table of four cells without scrolling.
    split->setSizes({340, 200});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(picker);
    layout->addWidget(split, 1);
    connect(m_metricPicker, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0) {
            setMetric(static_cast<std::size_t>(index));
        }
    });
    connect(m_chart, &SweepChartWidget::cellClicked, this,
            [this](std::size_t index) { activateCell(m_chart->chart().cells.at(index).cell); });
}

void SweepView::setSweep(std::shared_ptr<const SweepAnalysis> sweep) {
    m_sweep = std::move(sweep);
    QString title = tr("<b>Sweep %1</b>: %2")
                        .arg(QString::fromStdString(m_sweep->name).toHtmlEscaped(),
                             sweepSummary(*m_sweep).toHtmlEscaped());
    for (const QString& note : sweepNotes(*m_sweep)) {
        title += QStringLiteral("<br>") + note.toHtmlEscaped();
    }
    m_title->setText(title);
    const QSignalBlocker blocker(m_metricPicker);
    m_metricPicker->clear();
    m_metricPicker->addItems(sweepMetricNames(*m_sweep));
    m_metric = defaultSweepMetric(*m_sweep);
    m_metricPicker->setCurrentIndex(static_cast<int>(m_metric));
    showMetric();
}

void SweepView::setMetric(std::size_t metric) {
    if (!m_sweep || metric >= m_sweep->metrics.size()) {
        return;
    }
    m_metric = metric;
    if (m_metricPicker->currentIndex() != static_cast<int>(metric)) {
        const QSignalBlocker blocker(m_metricPicker);
        m_metricPicker->setCurrentIndex(static_cast<int>(metric));
    }
    showMetric();
}

void SweepView::showMetric() {
    if (m_sweep->metrics.empty()) {
        return;
    }
    m_chart->setChart(sweepChart(*m_sweep, m_metric));
    showSweepTable(*m_table, *m_sweep, m_metric);
    m_tableView->refresh();
}

void SweepView::activateCell(std::size_t cell) {
    const SweepCell& chosen = m_sweep->cells.at(cell);
    emit cellActivated(chosen.run_ids, sweepCellSettings(chosen));
}

} // namespace iolab::gui
