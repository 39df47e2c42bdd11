#include "gui/widgets/sweep_chart_widget.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace iolab::gui {
namespace {

constexpr double kLeft = 160;  // row labels (heat map) or the value axis (bars)
constexpr double kTop = 58;    // the title and the column labels
constexpr double kBottom = 64; // bar labels and the legend
constexpr double kMaxCellWidth = 280;
constexpr double kMaxCellHeight = 96;
const QColor kInk(29, 35, 43);

} // namespace

SweepChartWidget::SweepChartWidget(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(480, 260);
    setCursor(Qt::PointingHandCursor);
}

QSize SweepChartWidget::sizeHint() const {
    return {900, 420};
}

void SweepChartWidget::setChart(SweepChart chart) {
    m_chart = std::move(chart);
    update();
}

QRectF SweepChartWidget::plotArea() const {
    return QRectF(kLeft, kTop, std::max(1.0, width() - kLeft - 16),
                  std::max(1.0, height() - kTop - kBottom));
}

QRectF SweepChartWidget::cellRect(std::size_t index) const {
    const SweepChartCell& cell = m_chart.cells.at(index);
    const QRectF area = plotArea();
    const double columns = std::max<qsizetype>(1, m_chart.column_values.size());
    if (m_chart.shape == SweepShape::HeatMap) {
        const double rows = std::max<qsizetype>(1, m_chart.row_values.size());
        const double w = std::min(kMaxCellWidth, area.width() / columns);
        const double h = std::min(kMaxCellHeight, area.height() / rows);
        return QRectF(area.left() + w * cell.column, area.top() + h * cell.row, w, h);
    }
    const double slot = std::min(kMaxCellWidth, area.width() / columns);
    const double top = m_chart.scale > 0 ? cell.mean / (m_chart.scale * 1.1) : 0;
    const double barHeight = area.height() * top;
    return QRectF(area.left() + slot * cell.column + slot * 0.2, area.bottom() - barHeight,
                  slot * 0.6, barHeight);
}

std::optional<std::size_t> SweepChartWidget::cellAt(QPointF point) const {
    for (std::size_t i = 0; i < m_chart.cells.size(); ++i) {
        QRectF rect = cellRect(i);
        if (m_chart.shape == SweepShape::Bars) {
            rect.setTop(plotArea().top()); // the whole column above a short bar counts
        }
        if (rect.contains(point)) {
            return i;
        }
    }
    return std::nullopt;
}

void SweepChartWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(rect(), palette().base());
    QFont title = font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    painter.setFont(title);
    painter.setPen(kInk);
    painter.drawText(QRectF(8, 4, width() - 16, 22), Qt::AlignLeft | Qt::AlignVCenter,
                     m_chart.title);
    painter.setFont(font());
    if (m_chart.shape == SweepShape::HeatMap) {
        paintHeatMapAxes(painter);
    } else {
        paintBarAxes(painter);
    }
    for (std::size_t i = 0; i < m_chart.cells.size(); ++i) {
        paintCell(painter, m_chart.cells[i], cellRect(i));
    }
    paintLegend(painter);
}

void SweepChartWidget::paintHeatMapAxes(QPainter& painter) const {
    const QRectF area = plotArea();
    const double w = std::min(kMaxCellWidth,
                              area.width() / std::max<qsizetype>(1, m_chart.column_values.size()));
    const double h =
        std::min(kMaxCellHeight, area.height() / std::max<qsizetype>(1, m_chart.row_values.size()));
    painter.setPen(kInk);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(QRectF(area.left(), 26, w * m_chart.column_values.size(), 14), Qt::AlignLeft,
                     m_chart.column_knob + QStringLiteral(" →"));
    painter.drawText(QRectF(8, kTop - 18, kLeft - 12, 14), Qt::AlignLeft,
                     m_chart.row_knob + QStringLiteral(" ↓"));
    painter.setFont(font());
    for (int x = 0; x < m_chart.column_values.size(); ++x) {
        painter.drawText(QRectF(area.left() + w * x, kTop - 18, w, 16), Qt::AlignCenter,
                         m_chart.column_values[x]);
    }
    for (int y = 0; y < m_chart.row_values.size(); ++y) {
        painter.drawText(QRectF(8, area.top() + h * y, kLeft - 16, h),
                         Qt::AlignRight | Qt::AlignVCenter, m_chart.row_values[y]);
    }
}

void SweepChartWidget::paintBarAxes(QPainter& painter) const {
    const QRectF area = plotArea();
    const double slot = std::min(
        kMaxCellWidth, area.width() / std::max<qsizetype>(1, m_chart.column_values.size()));
    painter.setPen(QPen(QColor(200, 200, 196), 1));
    painter.drawLine(area.bottomLeft(),
                     QPointF(area.left() + slot * m_chart.column_values.size(), area.bottom()));
    painter.setPen(kInk);
    for (int x = 0; x < m_chart.column_values.size(); ++x) {
        painter.drawText(QRectF(area.left() + slot * x, area.bottom() + 4, slot, 18),
                         Qt::AlignCenter, m_chart.column_values[x]);
    }
    if (!m_chart.column_knob.isEmpty()) {
        painter.drawText(QRectF(8, area.bottom() + 4, kLeft - 16, 18),
                         Qt::AlignRight | Qt::AlignVCenter, m_chart.column_knob);
    }
}

void SweepChartWidget::paintCell(QPainter& painter, const SweepChartCell& cell, QRectF rect) const {
    const bool heatMap = m_chart.shape == SweepShape::HeatMap;
    const QRectF box = heatMap ? rect.adjusted(2, 2, -2, -2) : rect;
    painter.fillRect(box, cell.fill);
    if (cell.baseline || cell.significant) {
        QPen outline(kInk, 3, cell.baseline ? Qt::DashLine : Qt::SolidLine);
        painter.setPen(outline);
        painter.drawRect(box.adjusted(1.5, 1.5, -1.5, -1.5));
    }
    QFont bold = font();
    bold.setBold(true);
    if (heatMap) {
        painter.setPen(cell.light_text ? Qt::white : kInk);
        painter.setFont(bold);
        painter.drawText(box.adjusted(4, 4, -4, -box.height() / 2),
                         Qt::AlignHCenter | Qt::AlignBottom, cell.value);
        painter.setFont(font());
        painter.drawText(box.adjusted(4, box.height() / 2 + 2, -4, -4),
                         Qt::AlignHCenter | Qt::AlignTop,
                         QStringLiteral("%1 · %2 runs").arg(cell.note).arg(cell.runs));
        return;
    }
    double labelBottom = box.top();
    if (cell.runs >= 2 && m_chart.scale > 0) {
        const QRectF area = plotArea();
        const auto yOf = [&](double value) {
            return area.bottom() - area.height() * value / (m_chart.scale * 1.1);
        };
        const double x = box.center().x();
        const double low = yOf(std::max(0.0, cell.mean - cell.half_width));
        const double high = yOf(cell.mean + cell.half_width);
        painter.setPen(QPen(kInk, 1.5));
        painter.drawLine(QPointF(x, low), QPointF(x, high));
        painter.drawLine(QPointF(x - 8, low), QPointF(x + 8, low));
        painter.drawLine(QPointF(x - 8, high), QPointF(x + 8, high));
        labelBottom = std::min(labelBottom, high);
    }
    const QRectF label(rect.left() - rect.width() * 0.3, labelBottom - 36, rect.width() * 1.6, 34);
    painter.setPen(kInk);
    painter.setFont(bold);
    painter.drawText(label, Qt::AlignHCenter | Qt::AlignTop, cell.value);
    painter.setFont(font());
    painter.drawText(label, Qt::AlignHCenter | Qt::AlignBottom,
                     QStringLiteral("%1 · %2 runs").arg(cell.note).arg(cell.runs));
}

void SweepChartWidget::paintLegend(QPainter& painter) const {
    painter.setPen(QColor(90, 90, 90));
    painter.drawText(QRectF(8, height() - 22, width() - 16, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Colour: the cell's mean, pale the worst, green the best · dashed: the "
                        "baseline · outlined and *: differs significantly from the baseline (Holm) "
                        "· click a cell for its runs and flame graphs"));
}

void SweepChartWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (const auto index = cellAt(event->position())) {
        emit cellClicked(*index);
    }
}

bool SweepChartWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const auto index = cellAt(help->pos())) {
            QToolTip::showText(help->globalPos(), m_chart.cells[*index].tooltip, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace iolab::gui
