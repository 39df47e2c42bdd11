#pragma once

#include "analyzer/model/run_record.h"

#include <QWidget>

class QChart;
class QChartView;
class QTableView;
class QSortFilterProxyModel;

namespace iolab::gui {

class LatencyModel;

// Latency distributions of a run: the table of block-layer histograms (per device, operation
// and stage) and fio's clat, and a chart of the selected one on a log time axis with p50, p99
// and p99.9 marked, and fio's clat percentiles of the same direction beside them.
class LatencyView : public QWidget {
    Q_OBJECT
public:
    explicit LatencyView(QWidget* parent = nullptr);

    void setRecord(const RunRecord& record);
    void selectRow(int row);

private:
    void showSelected();

    LatencyModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QChartView* m_chartView;
};

} // namespace iolab::gui
