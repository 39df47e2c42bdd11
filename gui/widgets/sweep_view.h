#pragma once

#include "analyzer/analysis/sweep_table.h"

#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;

namespace iolab::gui {

class FigureTableModel;
class FigureTableView;
class SweepChartWidget;

// A sweep: a metric picker, the chart of the chosen metric (heat map or bars) and its table;
// the baseline's drift and the warnings above. Clicking a cell asks for its runs.
class SweepView : public QWidget {
    Q_OBJECT
public:
    explicit SweepView(QWidget* parent = nullptr);

    void setSweep(std::shared_ptr<const SweepAnalysis> sweep);
    const SweepAnalysis* sweep() const { return m_sweep.get(); }
    // The metric shown, an index into SweepAnalysis::metrics.
    void setMetric(std::size_t metric);
    std::size_t metric() const { return m_metric; }
    SweepChartWidget* chart() const { return m_chart; }
    FigureTableModel* table() const { return m_table; }
    // As a click on the cell `cell` (an index into SweepAnalysis::cells) does.
    void activateCell(std::size_t cell);

signals:
    // The runs of a clicked cell, in the order they ran, and its settings ("a=1 b=2").
    void cellActivated(const std::vector<std::int64_t>& runIds, const QString& settings);

private:
    void showMetric();

    std::shared_ptr<const SweepAnalysis> m_sweep;
    std::size_t m_metric = 0;
    QLabel* m_title;
    QComboBox* m_metricPicker;
    SweepChartWidget* m_chart;
    FigureTableModel* m_table;
    FigureTableView* m_tableView;
};

} // namespace iolab::gui
