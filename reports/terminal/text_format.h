#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace iolab::terminal {

// "812ns", "45.3us", "2.10ms", "1.50s": latencies the way fio and biolatency users read them.
std::string formatNanoseconds(double ns);
// "4.0KiB", "1.2MiB".
std::string formatBytes(double bytes);
// A metric's value in its unit, taken from the metric's suffix (_ns, _bytes, none).
std::string formatMetricValue(const std::string& metric, double value);
// "2026-11-21 06:15:29" in local time; "-" for 0.
std::string formatTimestamp(std::int64_t epochNs);
// "device=loop0 operation=read".
std::string formatDimensions(const std::map<std::string, std::string>& dimensions);

} // namespace iolab::terminal
