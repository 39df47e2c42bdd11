#pragma once

#include "analyzer/model/run_record.h"
#include "reports/terminal/show_profile.h"
#include "reports/terminal/summary_costs.h"

#include <string>

namespace iolab::terminal {

// Which view of a run `iolab show` prints: the summary (default), or one profile view.
struct ShowViewOptions {
    bool symbols = false;
    std::string callgraph; // the function whose callers and callees are shown
    bool tree = false;
    bool slowest = false; // the slowest IOs with their phases and stacks
    bool json = false;
    ProfileViewOptions profile;
    // Whose CPU samples every view counts, and how the summary groups contended locks.
    CostViewOptions costs;
};

// The chosen view of `record`, as text or as JSON followed by a newline. The profile views say
// whose samples they count above the figures (JSON: "processes").
void writeShow(const RunRecord& record, const ShowViewOptions& options, const TextSink& sink);

} // namespace iolab::terminal
