#include "gui/widgets/compare_view.h"

#include "gui/models/compare_tables.h"
#include "gui/models/figure_table_model.h"
#include "gui/widgets/figure_table_view.h"
#include "gui/widgets/flame_graph_view.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace iolab::gui {
namespace {

const QColor kBaseline(110, 140, 190);
const QColor kCandidate(230, 140, 60);

// A whisker from mean - ci to mean + ci at x, with short caps.
QLineSeries* whisker(double x, double mean, double ci) {
    auto* line = new QLineSeries;
    const double cap = 0.05;
    line->append(x - cap, mean - ci);
    line->append(x + cap, mean - ci);
    line->append(x, mean - ci);
    line->append(x, mean + ci);
    line->append(x - cap, mean + ci);
    line->append(x + cap, mean + ci);
    line->setPen(QPen(Qt::black, 1.5));
    return line;
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_iops(new QChartView)
    , m_metrics(new FigureTableModel(this))
    , m_metricsView(new FigureTableView(m_metrics, tr("Nothing to compare.")))
    , m_flame(new FlameGraphView) {
    m_title->setWordWrap(true);
    m_iops->setRenderHint(QPainter::Antialiasing);
    m_iops->setMinimumHeight(240);
    auto* figures = new QSplitter(Qt::Vertical);
    figures->addWidget(m_iops);
    figures->addWidget(m_metricsView);
    figures->setStretchFactor(0, 2);
    figures->setStretchFactor(1, 3);
    auto* tabs = new QTabWidget;
    tabs->addTab(figures, tr("Figures"));
    tabs->addTab(m_flame, tr("Differential flame graph"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(tabs, 1);
}

void CompareView::setComparison(std::shared_ptr<const Comparison> comparison) {
    m_comparison = std::move(comparison);
    const Comparison& c = *m_comparison;
    QString title = tr("<b>Baseline</b> %1 &nbsp; vs &nbsp; <b>candidate</b> %2")
                        .arg(QString::fromStdString(c.baseline.label).toHtmlEscaped(),
                             QString::fromStdString(c.candidate.label).toHtmlEscaped());
    title += c.regression() ? tr(" — <span style='color:#b01010'><b>regression</b></span>")
                            : tr(" — no regression");
    for (const std::string& warning : c.warnings) {
        title += QStringLiteral("<br><span style='color:#b05010'>⚠ %1</span>")
                     .arg(QString::fromStdString(warning).toHtmlEscaped());
    }
    m_title->setText(title);
    showComparison(*m_metrics, c);
    m_metricsView->refresh();
    showIopsChart();
    m_flame->setDiff(std::make_shared<const DiffFlame>(diffFlame(c.flame)));
}

void CompareView::showIopsChart() {
    const std::vector<IopsBar> bars = iopsBars(*m_comparison);
    auto* chart = new QChart;
    chart->setTitle(bars.empty() ? tr("No fio jobs to compare")
                                 : tr("IOPS per job (mean, 95% interval)"));
    auto* baseline = new QBarSet(tr("baseline"));
    auto* candidate = new QBarSet(tr("candidate"));
    baseline->setColor(kBaseline);
    candidate->setColor(kCandidate);
    QStringList jobs;
    double top = 0;
    for (const IopsBar& bar : bars) {
        *baseline << bar.baseline;
        *candidate << bar.candidate;
        jobs << bar.job;
        top = std::max({top, bar.baseline + bar.baseline_ci, bar.candidate + bar.candidate_ci});
    }
    auto* series = new QBarSeries;
    series->append(baseline);
    series->append(candidate);
    series->setBarWidth(0.6);
    chart->addSeries(series);
    auto* xAxis = new QBarCategoryAxis;
    xAxis->append(jobs);
    auto* yAxis = new QValueAxis;
    yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    yAxis->setLabelFormat(QStringLiteral("%.0f"));
    yAxis->applyNiceNumbers();
    yAxis->setTitleText(tr("IOPS"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    series->attachAxis(xAxis);
    series->attachAxis(yAxis);
    // Two sets share 0.6 of each category: their centres sit 0.15 either side of it.
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const double x = static_cast<double>(i);
        for (auto [offset, mean, ci] :
             {std::tuple{-0.15, bars[i].baseline, bars[i].baseline_ci},
              std::tuple{0.15, bars[i].candidate, bars[i].candidate_ci}}) {
            if (ci <= 0) {
                continue;
            }
            QLineSeries* line = whisker(x + offset, mean, ci);
            chart->addSeries(line);
            line->attachAxis(xAxis);
            line->attachAxis(yAxis);
        }
    }
    for (QLegendMarker* marker : chart->legend()->markers()) {
        marker->setVisible(marker->series() == series);
    }
    QChart* old = m_iops->chart();
    m_iops->setChart(chart);
    delete old;
}

} // namespace iolab::gui
