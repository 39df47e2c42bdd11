#pragma once

#include "analyzer/model/run_record.h"
#include "gui/models/figure_table_model.h"

#include <QString>
#include <vector>

// Where a run's block IOs spent their time: the phase bar of each device and operation, and the
// slowest IOs with the stacks that queued them.
namespace iolab::gui {

// The flame and call graphs' event holding the slowest IOs' stacks, one sample each (a weight
// in ns would outweigh the CPU samples and become the graphs' first event).
inline constexpr char kSlowIoEvent[] = "slowest IOs";

// One phase of a bar: its share of Q2C (analysis::blockPhases, as `iolab show` prints it).
struct PhaseSegment {
    QString phase; // Q2G, G2I, I2D, D2C
    double share = 0;
    double mean_ns = 0;
};

// Q2G, G2I, I2D and D2C of one device and operation as shares of its Q2C; phases the run did
// not see (no scheduler: no insertion) are left out.
struct PhaseBar {
    QString device;
    QString operation;
    double q2c_mean_ns = 0;
    std::vector<PhaseSegment> segments;
};

std::vector<PhaseBar> phaseBars(const RunRecord& record);

// One row per slowest IO, slowest first: rank, device, operation, sector, size, Q2C and its
// phases ("-" when not seen), pid, process, innermost frame.
void showSlowIos(FigureTableModel& model, const RunRecord& record);

// `record` with the slowest IOs' stacks (user, then kernel, outermost first) added to its
// profile as samples of kSlowIoEvent, so the flame and call graphs draw them.
RunRecord withSlowIoStacks(const RunRecord& record);

// The innermost frame of the IO's stack, as a search pattern that matches that function only.
QString innermostFramePattern(const SlowIo& io);

} // namespace iolab::gui
