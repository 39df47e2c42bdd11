#include "gui/widgets/latency_view.h"

#include "gui/models/block_story.h"
#include "gui/models/format.h"
#include "gui/models/latency_model.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QItemSelectionModel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace iolab::gui {
namespace {

const QColor kMarkerColors[] = {QColor(30, 130, 60), QColor(220, 120, 0), QColor(200, 20, 20)};

// A step outline of the histogram. Log-linear buckets have different widths on a log axis, so
// each bucket's height is its share of IOs per doubling of latency (a density on this axis);
// plain shares would show a saw-tooth made by the bucket layout, not by the device.
// Bucket bounds in µs; a bucket starting at 0 is drawn as one doubling below its upper bound.
std::pair<double, double> boundsUs(const HistogramBucket& bucket) {
    const double upper = std::max(0.001, static_cast<double>(bucket.upper) / 1e3);
    const double lower = bucket.lower > 0 ? static_cast<double>(bucket.lower) / 1e3 : upper / 2;
    return {std::min(lower, upper / 1.0001), upper};
}

QLineSeries* histogramSeries(const LatencySeries& series, double& maxShare, double& lowest,
                             double& highest) {
    auto* line = new QLineSeries;
    line->setName(series.label);
    double total = 0;
    for (const HistogramBucket& bucket : series.buckets) {
        total += static_cast<double>(bucket.count);
    }
    for (const HistogramBucket& bucket : series.buckets) {
        if (bucket.count == 0) {
            continue;
        }
        const auto [lower, upper] = boundsUs(bucket);
        const double share =
            total > 0 ? 100.0 * static_cast<double>(bucket.count) / total / std::log2(upper / lower)
                      : 0.0;
        // Adjacent buckets share an edge: the outline steps between them, and drops to zero only
        // across a gap.
        if (line->count() == 0 || line->at(line->count() - 1).x() != lower) {
            if (line->count() > 0) {
                line->append(line->at(line->count() - 1).x(), 0);
            }
            line->append(lower, 0);
        }
        line->append(lower, share);
        line->append(upper, share);
        maxShare = std::max(maxShare, share);
        lowest = std::min(lowest, lower);
        highest = std::max(highest, upper);
    }
    if (line->count() > 0) {
        line->append(line->at(line->count() - 1).x(), 0);
    }
    return line;
}

QLineSeries* marker(const QString& name, double ns, double top, const QColor& color, bool dashed) {
    auto* line = new QLineSeries;
    line->setName(name);
    line->append(ns / 1e3, 0);
    line->append(ns / 1e3, top);
    QPen pen(color);
    pen.setWidth(2);
    pen.setStyle(dashed ? Qt::DashLine : Qt::SolidLine);
    line->setPen(pen);
    return line;
}

QString percentName(double percent) {
    return QStringLiteral("p%1").arg(percent, 0, 'g', 3);
}

// One stacked bar per device and operation: the phases' shares of its Q2C, in %.
QChart* phaseChart(const std::vector<PhaseBar>& bars) {
    auto* chart = new QChart;
    if (bars.empty()) {
        chart->setTitle(QObject::tr("No block phases in this run"));
        return chart;
    }
    chart->setTitle(QObject::tr("Share of Q2C in each phase"));
    auto* series = new QHorizontalStackedBarSeries;
    QStringList categories;
    for (const char* phase : {"Q2G", "G2I", "I2D", "D2C"}) {
        auto* set = new QBarSet(QString::fromLatin1(phase));
        bool seen = false;
        for (const PhaseBar& bar : bars) {
            double share = 0;
            for (const PhaseSegment& segment : bar.segments) {
                if (segment.phase == QLatin1String(phase)) {
                    share = segment.share;
                    seen = true;
                    // One bar: its figures in the legend, where a phase of 0.2% stays legible.
                    if (bars.size() == 1) {
                        set->setLabel(QStringLiteral("%1 %2").arg(segment.phase,
                                                                  formatPercent(segment.share)));
                    }
                }
            }
            set->append(100 * share);
        }
        if (seen) {
            series->append(set);
        } else {
            delete set;
        }
    }
    for (const PhaseBar& bar : bars) {
        categories.append(QStringLiteral("%1 %2, Q2C %3")
                              .arg(bar.device, bar.operation, formatNs(bar.q2c_mean_ns)));
    }
    series->setLabelsVisible(bars.size() > 1);
    series->setLabelsFormat(QStringLiteral("@value%"));
    series->setLabelsPrecision(3);
    chart->addSeries(series);
    auto* devices = new QBarCategoryAxis;
    devices->append(categories);
    auto* shares = new QValueAxis;
    shares->setRange(0, 100);
    shares->setTitleText(QObject::tr("% of Q2C"));
    shares->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(devices, Qt::AlignLeft);
    chart->addAxis(shares, Qt::AlignBottom);
    series->attachAxis(devices);
    series->attachAxis(shares);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

} // namespace

LatencyView::LatencyView(QWidget* parent)
    : QWidget(parent)
    , m_model(new LatencyModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView)
    , m_chartView(new QChartView)
    , m_phaseView(new QChartView)
    , m_slowIos(new FigureTableModel(this))
    , m_slowProxy(new QSortFilterProxyModel(this))
    , m_slowTable(new QTableView) {
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FigureTableModel::kSortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // block first, then fio
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);
    m_phaseView->setRenderHint(QPainter::Antialiasing);
    m_slowProxy->setSourceModel(m_slowIos);
    m_slowProxy->setSortRole(FigureTableModel::kSortRole);
    m_slowTable->setModel(m_slowProxy);
    m_slowTable->setSortingEnabled(true);
    m_slowTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // slowest first
    m_slowTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_slowTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_slowTable->verticalHeader()->setVisible(false);
    m_slowTable->horizontalHeader()->setStretchLastSection(true);
    m_slowTable->setToolTip(tr("The slowest IOs: select one to see the stack that queued it in "
                               "the flame graph"));
    auto* charts = new QSplitter(Qt::Horizontal);
    charts->addWidget(m_chartView);
    charts->addWidget(m_phaseView);
    charts->setStretchFactor(0, 3);
    charts->setStretchFactor(1, 2);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_table);
    splitter->addWidget(charts);
    splitter->addWidget(m_slowTable);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 1);
    splitter->setSizes({170, 420, 170});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LatencyView::showSelected);
    connect(m_slowTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList rows = m_slowTable->selectionModel()->selectedRows();
        if (!rows.isEmpty()) {
            emit slowIoSelected(m_slowProxy->mapToSource(rows.first()).row());
        }
    });
    connect(m_slowTable, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit slowIoOpened(m_slowProxy->mapToSource(index).row());
    });
}

void LatencyView::selectSlowIo(int index) {
    m_slowTable->selectRow(m_slowProxy->mapFromSource(m_slowIos->index(index, 0)).row());
}

void LatencyView::setRecord(const RunRecord& record) {
    QChart* oldPhases = m_phaseView->chart();
    m_phaseView->setChart(phaseChart(phaseBars(record)));
    delete oldPhases;
    {
        const QSignalBlocker blocker(m_slowTable->selectionModel());
        showSlowIos(*m_slowIos, record);
    }
    m_slowTable->setVisible(!record.slow_ios.empty());
    m_slowTable->resizeColumnsToContents();
    m_model->setRecord(record);
    m_table->resizeColumnsToContents();
    if (m_model->rowCount() > 0) {
        // The whole block-layer latency (Q2C; "total" in runs recorded before the phases) is
        // what a first look wants; the phases split it.
        int first = 0;
        for (int row = m_model->rowCount(); row-- > 0;) {
            const QString& stage = m_model->series(row).stage;
            if (stage == QStringLiteral("q2c") || stage == QStringLiteral("total")) {
                first = row;
            }
        }
        m_table->selectRow(m_proxy->mapFromSource(m_model->index(first, 0)).row());
    } else {
        auto* chart = new QChart;
        chart->setTitle(tr("No latency histograms in this run"));
        m_chartView->setChart(chart);
    }
}

void LatencyView::selectRow(int row) {
    m_table->selectRow(row);
}

void LatencyView::showSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const LatencySeries& series = m_model->series(m_proxy->mapToSource(rows.first()).row());
    auto* chart = new QChart;
    chart->setTitle(series.label);
    double maxShare = 0;
    double lowest = 1e18;
    double highest = 0.001;
    std::vector<QLineSeries*> lines;
    if (!series.buckets.empty()) {
        lines.push_back(histogramSeries(series, maxShare, lowest, highest));
    }
    // A round top (1, 2, ... 10 steps of a power of ten) so the ticks are round numbers.
    const double step = maxShare > 0 ? std::pow(10.0, std::floor(std::log10(maxShare * 1.1))) : 1.0;
    const double top = maxShare > 0 ? std::ceil(maxShare * 1.1 / step) * step : 1.0;
    for (std::size_t i = 0; i < series.percentiles.size(); ++i) {
        const auto [percent, ns] = series.percentiles[i];
        lines.push_back(marker(QStringLiteral("%1 %2").arg(percentName(percent), formatNs(ns)), ns,
                               top, kMarkerColors[i % 3], false));
        lowest = std::min(lowest, std::max(0.001, ns / 1e3));
        highest = std::max(highest, ns / 1e3);
    }
    // fio's completion latency spans the block layer's total (and its device time), not the
    // queue alone, so it is drawn beside those.
    if (!series.from_fio && series.stage != QStringLiteral("queue")) {
        // fio's own clat percentiles of the same direction, dashed, beside the block figures.
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const LatencySeries& other = m_model->series(row);
            if (!other.from_fio || other.operation != series.operation) {
                continue;
            }
            for (std::size_t i = 0; i < other.percentiles.size(); ++i) {
                const auto [percent, ns] = other.percentiles[i];
                lines.push_back(
                    marker(QStringLiteral("fio clat %1 %2").arg(percentName(percent), formatNs(ns)),
                           ns, top, kMarkerColors[i % 3], true));
                lowest = std::min(lowest, std::max(0.001, ns / 1e3));
                highest = std::max(highest, ns / 1e3);
            }
            break;
        }
    }
    auto* xAxis = new QLogValueAxis;
    // Powers of two (the log-linear buckets split each of them) label a device's usual range
    // well; beyond twelve doublings they crowd the axis and decades read better.
    xAxis->setBase(highest / lowest > 4096 ? 10 : 2);
    xAxis->setTitleText(tr("latency (µs, log scale)"));
    xAxis->setLabelFormat(QStringLiteral("%g"));
    xAxis->setRange(lowest / 1.2, highest * 1.2);
    auto* yAxis = new QValueAxis;
    yAxis->setTitleText(series.buckets.empty() ? QString() : tr("% of IOs per doubling"));
    yAxis->setRange(0, top);
    yAxis->setTickCount(static_cast<int>(std::lround(top / step)) + 1);
    yAxis->setLabelFormat(QStringLiteral("%g"));
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    for (QLineSeries* line : lines) {
        chart->addSeries(line);
        line->attachAxis(xAxis);
        line->attachAxis(yAxis);
    }
    chart->legend()->setAlignment(Qt::AlignRight);
    QChart* old = m_chartView->chart();
    m_chartView->setChart(chart);
    delete old;
}

} // namespace iolab::gui
