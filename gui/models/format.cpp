#include "gui/models/format.h"

#include "analyzer/model/duration_text.h"

#include <QDateTime>
#include <cmath>

namespace iolab::gui {

QString formatNs(double ns) {
    return QString::fromStdString(formatDuration(ns));
}

QString formatCount(double value) {
    const double magnitude = std::abs(value);
    if (magnitude < 1e3) {
        return QString::number(value, 'f', magnitude < 10 && value != std::floor(value) ? 2 : 0);
    }
    if (magnitude < 1e6) {
        return QStringLiteral("%1k").arg(value / 1e3, 0, 'f', 1);
    }
    if (magnitude < 1e9) {
        return QStringLiteral("%1M").arg(value / 1e6, 0, 'f', 2);
    }
    return QStringLiteral("%1G").arg(value / 1e9, 0, 'f', 2);
}

QString formatBytes(double bytes) {
    static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (std::abs(bytes) >= 1024 && unit < 4) {
        bytes /= 1024;
        ++unit;
    }
    return QStringLiteral("%1 %2")
        .arg(bytes, 0, 'f', unit == 0 ? 0 : 1)
        .arg(QLatin1String(units[unit]));
}

QString formatPercent(double share) {
    return QStringLiteral("%1%").arg(share * 100.0, 0, 'f', 1);
}

QString formatTimestamp(std::int64_t ns_since_epoch) {
    if (ns_since_epoch <= 0) {
        return QStringLiteral("-");
    }
    return QDateTime::fromMSecsSinceEpoch(ns_since_epoch / 1'000'000, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString formatValue(double value, const std::string& unit) {
    if (unit == "ns" || unit == "ns per IO") {
        return formatNs(value);
    }
    if (unit == "B/s") {
        return formatBytes(value) + QStringLiteral("/s");
    }
    if (unit == "IOPS") {
        return formatCount(value);
    }
    return QString::number(value, 'f', 3);
}

} // namespace iolab::gui
