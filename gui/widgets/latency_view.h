#pragma once

#include "analyzer/model/run_record.h"

#include <QWidget>

class QChart;
class QChartView;
class QTableView;
class QSortFilterProxyModel;

namespace iolab::gui {

class FigureTableModel;
class LatencyModel;

// Latency distributions of a run: the table of block-layer histograms (per device, operation
// and stage) and fio's clat, and a chart of the selected one on a log time axis with p50, p99
// and p99.9 marked, and fio's clat percentiles of the same direction beside them. Beside the
// chart, each device's phases as shares of Q2C in one stacked bar; below, the slowest IOs.
class LatencyView : public QWidget {
    Q_OBJECT
public:
    explicit LatencyView(QWidget* parent = nullptr);

    void setRecord(const RunRecord& record);
    void selectRow(int row);
    // Selects the slowest IO of rank `index` (0: the slowest), as a click on its row does.
    void selectSlowIo(int index);

signals:
    // The user picked one of the slowest IOs (its index in the run's slow_ios)...
    void slowIoSelected(int index);
    // ... or double-clicked it, to see its stack.
    void slowIoOpened(int index);

private:
    void showSelected();

    LatencyModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QChartView* m_chartView;
    QChartView* m_phaseView;
    FigureTableModel* m_slowIos;
    QSortFilterProxyModel* m_slowProxy;
    QTableView* m_slowTable;
};

} // namespace iolab::gui
