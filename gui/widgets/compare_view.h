#pragma once

#include "analyzer/analysis/comparison.h"

#include <QWidget>
#include <memory>

class QChartView;
class QLabel;

namespace iolab::gui {

class FigureTableModel;
class FigureTableView;
class FlameGraphView;

// A baseline against a candidate: IOPS per job as bars with 95% intervals, every metric side by
// side (latency percentiles, per-IO costs) with its change, and the differential flame graph.
class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(QWidget* parent = nullptr);

    void setComparison(std::shared_ptr<const Comparison> comparison);
    const Comparison* comparison() const { return m_comparison.get(); }
    FlameGraphView* flameGraph() const { return m_flame; }

private:
    void showIopsChart();

    std::shared_ptr<const Comparison> m_comparison;
    QLabel* m_title;
    QChartView* m_iops;
    FigureTableModel* m_metrics;
    FigureTableView* m_metricsView;
    FlameGraphView* m_flame;
};

} // namespace iolab::gui
