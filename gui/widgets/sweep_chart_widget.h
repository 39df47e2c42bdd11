#pragma once

#include "gui/models/sweep_chart.h"

#include <QWidget>
#include <optional>

namespace iolab::gui {

// Draws one metric of a sweep: a heat map of the cells when two knobs vary, bars with their 95%
// whiskers otherwise. The baseline cell is dashed, cells that differ significantly from it are
// outlined and starred; every cell shows its mean ± interval. A click on a cell reports it.
class SweepChartWidget : public QWidget {
    Q_OBJECT
public:
    explicit SweepChartWidget(QWidget* parent = nullptr);

    void setChart(SweepChart chart);
    const SweepChart& chart() const { return m_chart; }
    // Where the chart's cell `index` (into SweepChart::cells) is drawn.
    QRectF cellRect(std::size_t index) const;
    std::optional<std::size_t> cellAt(QPointF point) const;

    QSize sizeHint() const override;

signals:
    void cellClicked(std::size_t index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    QRectF plotArea() const;
    void paintHeatMapAxes(QPainter& painter) const;
    void paintBarAxes(QPainter& painter) const;
    void paintCell(QPainter& painter, const SweepChartCell& cell, QRectF rect) const;
    void paintLegend(QPainter& painter) const;

    SweepChart m_chart;
};

} // namespace iolab::gui
