#include "gui/models/latency_model.h"

#include "analyzer/model/histogram_stats.h"
#include "gui/models/format.h"

namespace iolab::gui {
namespace {

constexpr double kMarked[] = {50.0, 99.0, 99.9};

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

QString dimension(const Histogram& histogram, const char* key) {
    const auto it = histogram.dimensions.find(key);
    return it != histogram.dimensions.end() ? text(it->second) : QStringLiteral("all");
}

FigureCell nsCell(double ns) {
    return {formatNs(ns), ns};
}

// "block.queue_ns" -> "queue"
QString stage(const std::string& metric) {
    QString name = text(metric);
    name.remove(QStringLiteral("block."));
    name.remove(QStringLiteral("_ns"));
    return name;
}

} // namespace

void LatencyModel::setRecord(const RunRecord& record) {
    m_series.clear();
    QList<FigureRow> rows;
    for (const Histogram& histogram : record.histograms) {
        if (!histogram.metric.starts_with("block.") || !histogram.metric.ends_with("_ns")) {
            continue;
        }
        LatencySeries series;
        series.device = dimension(histogram, "device");
        series.operation = dimension(histogram, "operation");
        series.stage = stage(histogram.metric);
        series.label =
            QStringLiteral("%1 %2 %3").arg(series.device, series.operation, series.stage);
        series.buckets = histogram.buckets;
        for (const double p : kMarked) {
            series.percentiles.emplace_back(p, percentile(histogram.buckets, p));
        }
        const auto samples = totalCount(histogram.buckets);
        FigureRow row{QStringLiteral("block"),
                      series.stage,
                      series.device,
                      series.operation,
                      FigureCell(QString::number(samples), static_cast<double>(samples)),
                      nsCell(mean(histogram.buckets))};
        for (const auto& [p, ns] : series.percentiles) {
            row.append(nsCell(ns));
        }
        rows.append(row);
        m_series.push_back(std::move(series));
    }
    for (const FioJob& job : record.fio_jobs) {
        if (job.ios == 0) {
            continue;
        }
        LatencySeries series;
        series.from_fio = true;
        series.device = text(job.job);
        series.operation = text(job.direction);
        series.stage = QStringLiteral("clat");
        series.label =
            QStringLiteral("fio %1 %2 %3").arg(series.device, series.operation, series.stage);
        series.buckets = job.clat_histogram;
        FigureRow row{QStringLiteral("fio"),
                      series.stage,
                      series.device,
                      series.operation,
                      FigureCell(QString::number(job.ios), static_cast<double>(job.ios)),
                      nsCell(job.clat.mean_ns)};
        for (const double p : kMarked) {
            double value = -1;
            for (const Percentile& fioPercentile : job.clat.percentiles) {
                if (fioPercentile.percent == p) {
                    value = static_cast<double>(fioPercentile.value_ns);
                }
            }
            if (value >= 0) {
                series.percentiles.emplace_back(p, value);
                row.append(nsCell(value));
            } else {
                row.append(FigureCell(QStringLiteral("-"), -1.0));
            }
        }
        rows.append(row);
        m_series.push_back(std::move(series));
    }
    setTable({{QStringLiteral("Source")},
              {QStringLiteral("Stage")},
              {QStringLiteral("Device / job")},
              {QStringLiteral("Operation")},
              {QStringLiteral("Count"), true},
              {QStringLiteral("Mean"), true},
              {QStringLiteral("p50"), true},
              {QStringLiteral("p99"), true},
              {QStringLiteral("p99.9"), true}},
             std::move(rows));
}

} // namespace iolab::gui
