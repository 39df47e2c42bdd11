#pragma once

#include "analyzer/analysis/window_estimate.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace iolab::terminal {

// "4.0KiB", "1.2MiB".
std::string formatBytes(double bytes);
// A metric's value in its unit, taken from the metric's suffix (_ns, _bytes, none).
std::string formatMetricValue(const std::string& metric, double value);
// "2026-11-21 06:15:29" in local time; "-" for 0.
std::string formatTimestamp(std::int64_t epochNs);
// "device=loop0 operation=read".
std::string formatDimensions(const std::map<std::string, std::string>& dimensions);

// Rows as columns two spaces apart, each as wide as its widest cell (in display columns: UTF-8
// continuation bytes take none); `left(i, n)` says whether column i of a row of n is text
// (left-aligned) or a figure (right-aligned). Trailing blanks are cut.
std::string alignColumns(const std::vector<std::vector<std::string>>& rows,
                         const std::function<bool(std::size_t, std::size_t)>& left);

} // namespace iolab::terminal
