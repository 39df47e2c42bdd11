#pragma once

#include <QString>
#include <cstdint>
#include <string>

// How the GUI writes figures: short, with units, the same in every view.
namespace iolab::gui {

QString formatNs(double ns);         // formatDuration: "850ns", "12.4µs", "3.10ms", "1.20s"
QString formatCount(double value);   // "950", "12.3k", "4.56M"
QString formatBytes(double bytes);   // "512 B", "4.0 KiB", "1.2 GiB"
QString formatPercent(double share); // share in [0, 1] -> "12.3%"
QString formatTimestamp(std::int64_t ns_since_epoch);
// A figure in its unit ("ns", "ns per IO", "B/s", "IOPS", else three decimals).
QString formatValue(double value, const std::string& unit);

} // namespace iolab::gui
