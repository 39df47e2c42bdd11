#include "gui/models/run_summary.h"

#include "analyzer/analysis/block_breakdown.h"
#include "analyzer/analysis/block_phases.h"
#include "analyzer/analysis/per_io_costs.h"
#include "analyzer/analysis/run_figures.h"
#include "analyzer/model/histogram_stats.h"
#include "gui/models/format.h"

#include <QObject>

namespace iolab::gui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value).toHtmlEscaped();
}

bool isLossCounter(const std::string& name) {
    return name.find(".lost") != std::string::npos || name.starts_with("lost") ||
           name.ends_with(".drops") || name.ends_with("_drops") || name.ends_with(".dropped");
}

bool isAttachFailure(const std::string& name) {
    return name.starts_with("probe.") && name.ends_with(".attach_failed");
}

QString metadata(const RunRecord& record, const std::string& key) {
    const auto it = record.run.metadata.find(key);
    return it == record.run.metadata.end() ? QString() : QString::fromStdString(it->second);
}

QString cell(const QString& value, bool numeric = true) {
    return QStringLiteral("<td%1>%2</td>")
        .arg(numeric ? QStringLiteral(" align='right'") : QString(), value);
}

QString headerRow(const QStringList& names) {
    QString row = QStringLiteral("<tr>");
    for (const QString& name : names) {
        row += QStringLiteral("<th>%1</th>").arg(name);
    }
    return row + QStringLiteral("</tr>");
}

QString table(const QString& rows) {
    return QStringLiteral("<table cellspacing='0' cellpadding='3' border='1' "
                          "style='border-collapse:collapse'>%1</table>")
        .arg(rows);
}

QString percentileText(const LatencySummary& summary, double percent) {
    for (const Percentile& p : summary.percentiles) {
        if (p.percent == percent) {
            return formatNs(static_cast<double>(p.value_ns));
        }
    }
    return QStringLiteral("-");
}

QString histogramPercentile(const Histogram* h, double percent) {
    return h == nullptr ? QStringLiteral("-") : formatNs(percentile(h->buckets, percent));
}

QString fioJobs(const RunRecord& record) {
    if (record.fio_jobs.empty()) {
        return {};
    }
    QString rows = headerRow({QObject::tr("Job"), QObject::tr("Dir"), QObject::tr("IOPS"),
                              QObject::tr("Bandwidth"), QObject::tr("clat mean"),
                              QObject::tr("p50"), QObject::tr("p99"), QObject::tr("p99.9")});
    for (const FioJob& job : record.fio_jobs) {
        rows += QStringLiteral("<tr>") + cell(text(job.job), false) +
                cell(text(job.direction), false) + cell(formatCount(job.iops)) +
                cell(formatBytes(static_cast<double>(job.bandwidth_bytes)) + QStringLiteral("/s")) +
                cell(formatNs(job.clat.mean_ns)) + cell(percentileText(job.clat, 50.0)) +
                cell(percentileText(job.clat, 99.0)) + cell(percentileText(job.clat, 99.9)) +
                QStringLiteral("</tr>");
    }
    return QStringLiteral("<h3>fio: IOPS and completion latency per job</h3>") + table(rows);
}

// The btt phases per device and operation, the rows `iolab show` prints.
QString blockPhaseRows(const analysis::BlockPhases& phases) {
    QString rows = headerRow({QObject::tr("Device"), QObject::tr("Op"), QObject::tr("Phase"),
                              QObject::tr("Count"), QObject::tr("Mean"), QObject::tr("p50"),
                              QObject::tr("p99"), QObject::tr("p99.9"), QObject::tr("of Q2C")});
    for (const analysis::OperationPhases& operation : phases.operations) {
        for (const analysis::PhaseFigure& f : operation.phases) {
            rows += QStringLiteral("<tr>") + cell(text(operation.device), false) +
                    cell(text(operation.operation), false) + cell(text(f.phase), false) +
                    cell(QString::number(f.count)) + cell(formatNs(f.mean_ns)) +
                    cell(formatNs(f.p50_ns)) + cell(formatNs(f.p99_ns)) +
                    cell(formatNs(f.p999_ns)) +
                    cell(f.share_of_q2c ? formatPercent(*f.share_of_q2c) : QStringLiteral("-")) +
                    QStringLiteral("</tr>");
        }
    }
    return QObject::tr("<h3>Block phases per device</h3><p>as btt: Q bio queued, G request "
                       "allocated, I inserted, D issued to the driver, C completed</p>") +
           table(rows);
}

QString blockDevices(const RunRecord& record) {
    if (const analysis::BlockPhases phases = analysis::blockPhases(record);
        !phases.operations.empty()) {
        return blockPhaseRows(phases);
    }
    // A run recorded before the per-phase histograms.
    const auto breakdown = analysis::blockBreakdown(record);
    if (breakdown.empty()) {
        return {};
    }
    QString rows = headerRow({QObject::tr("Device"), QObject::tr("Op"), QObject::tr("IOs"),
                              QObject::tr("queue p50"), QObject::tr("p99"),
                              QObject::tr("device p50"), QObject::tr("p99"),
                              QObject::tr("total p50"), QObject::tr("p99"), QObject::tr("p99.9")});
    for (const analysis::BlockBreakdownRow& row : breakdown) {
        rows +=
            QStringLiteral("<tr>") + cell(text(row.device), false) +
            cell(text(row.operation), false) + cell(QString::number(row.ios)) +
            cell(histogramPercentile(row.queue, 50)) + cell(histogramPercentile(row.queue, 99)) +
            cell(histogramPercentile(row.service, 50)) +
            cell(histogramPercentile(row.service, 99)) + cell(histogramPercentile(row.total, 50)) +
            cell(histogramPercentile(row.total, 99)) + cell(histogramPercentile(row.total, 99.9)) +
            QStringLiteral("</tr>");
    }
    return QStringLiteral("<h3>Block layer per device</h3>") + table(rows);
}

QString perIoCosts(const RunRecord& record) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    if (costs.ios == 0) {
        return {};
    }
    QString rows = headerRow(
        {QObject::tr("Cost"), QObject::tr("Per IO"), QObject::tr("Total"), QObject::tr("How")});
    // The figures and decimals `iolab show` prints: "2.000 ± 0.020" per IO, an exact count
    // alone.
    for (const analysis::PerIoCostRow& row : costs.rows()) {
        rows += QStringLiteral("<tr>") + cell(text(row.name), false) +
                cell(text(estimateText(costs.perIo(row.total), 3))) +
                cell(text(estimateText(row.total, 0))) + cell(text(row.total.method), false) +
                QStringLiteral("</tr>");
    }
    return QObject::tr("<h3>Per-IO costs</h3><p>over %1 %2; estimated counts carry their 95% "
                       "interval</p>")
               .arg(costs.ios)
               .arg(text(costs.io_source)) +
           table(rows);
}

QString recordingCost(const RunRecord& record) {
    for (const Counter& counter : record.counters) {
        if (counter.name != "record.cpu_seconds") {
            continue;
        }
        const double seconds = static_cast<double>(record.run.end_ns - record.run.start_ns) / 1e9;
        QString share;
        if (seconds > 0) {
            share = QObject::tr(" (%1 of one CPU over the run)")
                        .arg(formatPercent(counter.value / seconds));
        }
        return QObject::tr("<h3>What recording cost</h3><p>the recorder used %1 s of CPU%2</p>")
            .arg(text(counterText(counter.value)), share);
    }
    return {};
}

QString metadataTable(const Run& run) {
    const auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(key, value);
    };
    QString rows;
    rows += row(QObject::tr("Run"), QString::number(run.id));
    rows += row(QObject::tr("Status"), text(std::string(toString(run.status))));
    rows += row(QObject::tr("Source"), text(run.source));
    rows += row(QObject::tr("Command"), QStringLiteral("<tt>%1</tt>").arg(text(run.command)));
    rows += row(QObject::tr("Started (UTC)"), formatTimestamp(run.start_ns));
    if (run.end_ns > run.start_ns && run.start_ns > 0) {
        rows +=
            row(QObject::tr("Duration"), formatNs(static_cast<double>(run.end_ns - run.start_ns)));
    }
    QStringList tags;
    for (const auto& tag : run.tags) {
        tags << text(tag);
    }
    if (!tags.isEmpty()) {
        rows += row(QObject::tr("Tags"), tags.join(QStringLiteral(", ")));
    }
    if (!run.series.empty()) {
        rows += row(QObject::tr("Series"), text(run.series));
    }
    for (const auto& [key, value] : run.metadata) {
        rows += row(text(key), text(value));
    }
    return QStringLiteral("<h3>Metadata</h3><table cellspacing='2' cellpadding='3'>%1</table>")
        .arg(rows);
}

} // namespace

QStringList runWarnings(const RunRecord& record) {
    QStringList warnings;
    switch (record.run.status) {
    case RunStatus::Recording:
        warnings << QObject::tr("Still recording: this run is incomplete.");
        break;
    case RunStatus::Abandoned:
        warnings << QObject::tr("The recorder died: this run holds no data.");
        break;
    case RunStatus::Interrupted:
        warnings << QObject::tr(
            "The recording was interrupted: figures cover part of the workload.");
        break;
    case RunStatus::Failed:
        warnings << QObject::tr("The recording failed.");
        break;
    default:
        break;
    }
    if (const QString duty = metadata(record, "record.duty_cycle"); !duty.isEmpty()) {
        warnings << QObject::tr("Windowed: block timing, locks, allocations and clock system "
                                "calls were measured in sampling windows (%1 of the run) and "
                                "scaled up.")
                        .arg(formatPercent(duty.toDouble()));
    }
    QStringList estimated;
    for (const Counter& counter : record.counters) {
        if (counter.estimated) {
            estimated << text(counter.name);
        }
    }
    if (!estimated.isEmpty()) {
        warnings << QObject::tr("Estimated: %1.").arg(estimated.join(QStringLiteral(", ")));
    }
    for (const Counter& counter : record.counters) {
        if (counter.value <= 0) {
            continue;
        }
        if (isAttachFailure(counter.name)) {
            QString reason;
            for (const auto& [key, value] : counter.dimensions) {
                reason += QStringLiteral(" %1=%2").arg(text(key), text(value));
            }
            warnings << QObject::tr("Probe did not attach: %1%2").arg(text(counter.name), reason);
        } else if (isLossCounter(counter.name)) {
            warnings << QObject::tr("%1 events lost (%2)")
                            .arg(text(counterText(counter.value)), text(counter.name));
        }
    }
    // What an attached probe could not do ("probe.lock.warning": caches not named).
    for (const auto& [key, value] : record.run.metadata) {
        if (key.starts_with("probe.") && key.ends_with(".warning")) {
            warnings << QObject::tr("Probe %1: %2")
                            .arg(text(key.substr(6, key.size() - 6 - 8)), text(value));
        }
    }
    return warnings;
}

QString runSummaryHtml(const RunRecord& record) {
    QString html = QStringLiteral("<h2>%1</h2>").arg(text(record.run.name));
    for (const QString& warning : runWarnings(record)) {
        html += QStringLiteral("<p style='color:#b02010'><b>⚠ %1</b></p>").arg(warning);
    }
    html += fioJobs(record);
    html += blockDevices(record);
    html += perIoCosts(record);
    html += recordingCost(record);
    html += metadataTable(record.run);
    return html;
}

} // namespace iolab::gui
