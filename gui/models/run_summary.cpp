#include "gui/models/run_summary.h"

#include "analyzer/analysis/comparison_figures.h"
#include "analyzer/analysis/io_count.h"
#include "gui/models/format.h"

namespace iolab::gui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value).toHtmlEscaped();
}

bool isLossCounter(const std::string& name) {
    return name.find(".lost") != std::string::npos || name.starts_with("lost") ||
           name.ends_with(".drops") || name.ends_with("_drops");
}

bool isAttachFailure(const std::string& name) {
    return name.starts_with("probe.") && name.ends_with(".attach_failed");
}

QString row(const QString& key, const QString& value) {
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(key, value);
}

QString costValue(const ComparableFigure& figure) {
    return figure.unit == "ns per IO" ? formatNs(figure.value)
                                      : QString::number(figure.value, 'f', 3);
}

} // namespace

QStringList runWarnings(const RunRecord& record) {
    QStringList warnings;
    switch (record.run.status) {
    case RunStatus::Recording:
        warnings << QStringLiteral("Still recording: this run is incomplete.");
        break;
    case RunStatus::Abandoned:
        warnings << QStringLiteral("The recorder died: this run holds no data.");
        break;
    case RunStatus::Interrupted:
        warnings << QStringLiteral(
            "The recording was interrupted: figures cover part of the workload.");
        break;
    case RunStatus::Failed:
        warnings << QStringLiteral("The recording failed.");
        break;
    default:
        break;
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
            warnings
                << QStringLiteral("Probe did not attach: %1%2").arg(text(counter.name), reason);
        } else if (isLossCounter(counter.name)) {
            warnings << QStringLiteral("%1 events lost (%2)")
                            .arg(counter.value, 0, 'f', 0)
                            .arg(text(counter.name));
        }
    }
    return warnings;
}

QString runSummaryHtml(const RunRecord& record) {
    const Run& run = record.run;
    QString html = QStringLiteral("<h2>%1</h2>").arg(text(run.name));
    for (const QString& warning : runWarnings(record)) {
        html += QStringLiteral("<p style='color:#b02010'><b>⚠ %1</b></p>").arg(warning);
    }
    html += QStringLiteral("<table cellspacing='2' cellpadding='3'>");
    html += row(QStringLiteral("Run"), QString::number(run.id));
    html += row(QStringLiteral("Status"), text(std::string(toString(run.status))));
    html += row(QStringLiteral("Source"), text(run.source));
    html += row(QStringLiteral("Command"), QStringLiteral("<tt>%1</tt>").arg(text(run.command)));
    html += row(QStringLiteral("Started (UTC)"), formatTimestamp(run.start_ns));
    if (run.end_ns > run.start_ns && run.start_ns > 0) {
        html += row(QStringLiteral("Duration"),
                    formatNs(static_cast<double>(run.end_ns - run.start_ns)));
    }
    QStringList tags;
    for (const auto& tag : run.tags) {
        tags << text(tag);
    }
    if (!tags.isEmpty()) {
        html += row(QStringLiteral("Tags"), tags.join(QStringLiteral(", ")));
    }
    if (!run.series.empty()) {
        html += row(QStringLiteral("Series"), text(run.series));
    }
    for (const auto& [key, value] : run.metadata) {
        html += row(text(key), text(value));
    }
    html += QStringLiteral("</table>");
    const auto ios = static_cast<double>(analysis::ioCount(record).ios);
    QString costs;
    for (const ComparableFigure& figure : comparableFigures(record)) {
        if (figure.kind == SubjectKind::PerIoCost) {
            costs += row(text(figure.metric), costValue(figure));
        }
    }
    if (!costs.isEmpty()) {
        html += QStringLiteral("<h3>Per-IO costs</h3><p>over %1 IOs</p><table cellspacing='2' "
                               "cellpadding='3'>%2</table>")
                    .arg(formatCount(ios), costs);
    }
    return html;
}

} // namespace iolab::gui
