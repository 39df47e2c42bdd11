#pragma once

#include "analyzer/model/run_record.h"
#include "gui/models/figure_table_model.h"

#include <vector>

namespace iolab::gui {

// One latency distribution of a run: a block-layer histogram of one device, operation and
// stage, or fio's completion latency of one job and direction.
struct LatencySeries {
    QString label; // "loop0 read total", "fio JOB read clat"
    bool from_fio = false;
    QString device;    // the block device, or fio's job
    QString operation; // read, write, ... (fio's direction)
    QString stage;     // queue, device, total, ... of the block layer; "clat" for fio
    std::vector<HistogramBucket> buckets;               // may be empty for fio without json+
    std::vector<std::pair<double, double>> percentiles; // (percent, ns): p50, p99, p99.9
};

// The latency distributions of a run, block-layer first, then fio's clat, one row each with
// count, mean and percentiles.
class LatencyModel : public FigureTableModel {
    Q_OBJECT
public:
    using FigureTableModel::FigureTableModel;

    void setRecord(const RunRecord& record);
    const LatencySeries& series(int row) const {
        return m_series.at(static_cast<std::size_t>(row));
    }

private:
    std::vector<LatencySeries> m_series;
};

} // namespace iolab::gui
