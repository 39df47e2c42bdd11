#include "gui/models/run_tables.h"

#include "analyzer/analysis/io_count.h"
#include "analyzer/analysis/run_figures.h"
#include "gui/models/format.h"

namespace iolab::gui {
namespace {

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

FigureCell number(double value, QString shown) {
    return {std::move(shown), value};
}

FigureCell count(std::uint64_t value) {
    return number(static_cast<double>(value), QString::number(value));
}

FigureCell perIo(double total, double ios, int decimals = 3) {
    if (ios <= 0) {
        return number(-1, QStringLiteral("-"));
    }
    const double value = total / ios;
    return number(value, QString::number(value, 'f', decimals));
}

FigureCell nsCell(double ns) {
    return number(ns, formatNs(ns));
}

QString percentileText(const LatencySummary& summary, double percent) {
    for (const Percentile& p : summary.percentiles) {
        if (p.percent == percent) {
            return formatNs(static_cast<double>(p.value_ns));
        }
    }
    return QStringLiteral("-");
}

const QString kPerIoTip = QStringLiteral("Divided by the run's IOs (block requests, else fio IOs)");

} // namespace

QString lockName(const LockStat& lock) {
    return lock.symbol.empty() ? QStringLiteral("0x%1").arg(lock.address, 0, 16)
                               : text(lock.symbol);
}

QString moduleLabel(const std::string& module) {
    const QString name = text(module);
    return name.startsWith('[') ? name : QStringLiteral("[%1]").arg(name);
}

QStringList stackLines(const std::vector<Frame>& stack) {
    QStringList lines;
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        lines << QStringLiteral("%1  %2").arg(text(it->symbol), moduleLabel(it->module));
    }
    return lines;
}

void showLocks(FigureTableModel& model, const RunRecord& record) {
    const auto ios = static_cast<double>(analysis::ioCount(record).ios);
    QList<FigureRow> rows;
    for (const LockStat& lock : record.locks) {
        const double mean = lock.contentions > 0 ? static_cast<double>(lock.total_wait_ns) /
                                                       static_cast<double>(lock.contentions)
                                                 : 0;
        const QString caller = lock.stack.empty() ? QString() : text(lock.stack.back().symbol);
        rows.append({lockName(lock), text(lock.kind), caller, count(lock.contentions),
                     nsCell(static_cast<double>(lock.total_wait_ns)), nsCell(mean),
                     nsCell(static_cast<double>(lock.max_wait_ns)),
                     perIo(static_cast<double>(lock.contentions), ios, 4),
                     nsCell(ios > 0 ? static_cast<double>(lock.total_wait_ns) / ios : 0)});
    }
    model.setTable({{QStringLiteral("Lock")},
                    {QStringLiteral("Kind")},
                    {QStringLiteral("Caller")},
                    {QStringLiteral("Contentions"), true},
                    {QStringLiteral("Total wait"), true},
                    {QStringLiteral("Mean wait"), true},
                    {QStringLiteral("Max wait"), true},
                    {QStringLiteral("Contentions/IO"), true, kPerIoTip},
                    {QStringLiteral("Wait/IO"), true, kPerIoTip}},
                   std::move(rows));
}

void showAllocations(FigureTableModel& model, const RunRecord& record) {
    const auto ios = static_cast<double>(analysis::ioCount(record).ios);
    QList<FigureRow> rows;
    for (const AllocStat& allocation : record.allocations) {
        rows.append({text(allocation.kind), text(allocation.site), text(allocation.cache),
                     text(allocation.scope), count(allocation.count),
                     number(static_cast<double>(allocation.bytes),
                            formatBytes(static_cast<double>(allocation.bytes))),
                     perIo(static_cast<double>(allocation.count), ios),
                     perIo(static_cast<double>(allocation.bytes), ios, 1)});
    }
    model.setTable({{QStringLiteral("Kind")},
                    {QStringLiteral("Call site")},
                    {QStringLiteral("Cache")},
                    {QStringLiteral("Scope")},
                    {QStringLiteral("Count"), true},
                    {QStringLiteral("Bytes"), true},
                    {QStringLiteral("Allocs/IO"), true, kPerIoTip},
                    {QStringLiteral("Bytes/IO"), true, kPerIoTip}},
                   std::move(rows));
}

void showClocks(FigureTableModel& model, const RunRecord& record) {
    const auto ios = static_cast<double>(analysis::ioCount(record).ios);
    QList<FigureRow> rows;
    for (const ClockStat& clock : record.clocks) {
        const double costNs =
            clockReadCostNs(record, clock.path) * static_cast<double>(clock.reads);
        FigureCell reads = count(clock.reads);
        if (clock.estimated) {
            reads.text += QStringLiteral(" (est.)");
            reads.tooltip = QStringLiteral("Extrapolated from sampled windows");
        }
        rows.append({text(clock.process),
                     number(static_cast<double>(clock.pid), QString::number(clock.pid)),
                     text(clock.clock_id), text(clock.path), reads,
                     perIo(static_cast<double>(clock.reads), ios),
                     nsCell(ios > 0 ? costNs / ios : 0)});
    }
    model.setTable({{QStringLiteral("Process")},
                    {QStringLiteral("PID"), true},
                    {QStringLiteral("Clock")},
                    {QStringLiteral("Path")},
                    {QStringLiteral("Reads"), true},
                    {QStringLiteral("Reads/IO"), true, kPerIoTip},
                    {QStringLiteral("Time/IO"), true,
                     QStringLiteral("Reads per IO times the measured cost of one read")}},
                   std::move(rows));
}

void showFioJobs(FigureTableModel& model, const RunRecord& record) {
    QList<FigureRow> rows;
    for (const FioJob& job : record.fio_jobs) {
        FigureCell error = count(static_cast<std::uint64_t>(job.error));
        if (job.error != 0) {
            error.foreground = QColor(180, 30, 20);
        }
        rows.append(
            {text(job.job), text(job.direction), number(job.iops, formatCount(job.iops)),
             number(static_cast<double>(job.bandwidth_bytes),
                    formatBytes(static_cast<double>(job.bandwidth_bytes)) + QStringLiteral("/s")),
             count(job.ios), nsCell(job.clat.mean_ns), percentileText(job.clat, 50.0),
             percentileText(job.clat, 99.0), percentileText(job.clat, 99.9), error});
    }
    model.setTable({{QStringLiteral("Job")},
                    {QStringLiteral("Direction")},
                    {QStringLiteral("IOPS"), true},
                    {QStringLiteral("Bandwidth"), true},
                    {QStringLiteral("IOs"), true},
                    {QStringLiteral("clat mean"), true},
                    {QStringLiteral("clat p50"), true},
                    {QStringLiteral("clat p99"), true},
                    {QStringLiteral("clat p99.9"), true},
                    {QStringLiteral("Error"), true}},
                   std::move(rows));
}

void showCounters(FigureTableModel& model, const RunRecord& record) {
    QList<FigureRow> rows;
    for (const Counter& counter : record.counters) {
        QStringList dimensions;
        for (const auto& [key, value] : counter.dimensions) {
            dimensions << QStringLiteral("%1=%2").arg(text(key), text(value));
        }
        FigureCell value = number(counter.value, QString::number(counter.value, 'f', 0));
        if (counter.estimated) {
            value.text += QStringLiteral(" (est.)");
        }
        rows.append({text(counter.name), dimensions.join(QStringLiteral(", ")), value});
    }
    model.setTable(
        {{QStringLiteral("Counter")}, {QStringLiteral("Where")}, {QStringLiteral("Value"), true}},
        std::move(rows));
}

} // namespace iolab::gui
