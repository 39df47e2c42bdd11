#pragma once

#include "analyzer/analysis/window_estimate.h"

#include <cstdint>
#include <map>
#include <string>

namespace iolab::terminal {

// "4.0KiB", "1.2MiB".
std::string formatBytes(double bytes);
// A metric's value in its unit, taken from the metric's suffix (_ns, _bytes, none).
std::string formatMetricValue(const std::string& metric, double value);
// "2026-11-21 06:15:29" in local time; "-" for 0.
std::string formatTimestamp(std::int64_t epochNs);
// An estimated figure with its 95% interval, `decimals` after the point: "2.00 ± 0.02"; an
// exact one alone ("2.00"); an estimate without an interval "2.00 (no interval)".
std::string formatEstimate(const analysis::Estimate& estimate, int decimals);
// "device=loop0 operation=read".
std::string formatDimensions(const std::map<std::string, std::string>& dimensions);

} // namespace iolab::terminal
