#pragma once

#include <string>

namespace iolab {

// A duration in nanoseconds as every view prints it: "812ns", "7.59µs", "45.3µs", "2.10ms",
// "1.50s" (two decimals below 10 of a unit, one above), so a figure reads the same in the
// terminal, the reports and the GUI.
std::string formatDuration(double ns);

} // namespace iolab
