#pragma once

#include "analyzer/model/run_record.h"
#include "reports/terminal/show_profile.h"

#include <string>

namespace iolab::terminal {

// Which view of a run `iolab show` prints: the summary (default), or one profile view.
struct ShowViewOptions {
    bool symbols = false;
    std::string callgraph; // the function whose callers and callees are shown
    bool tree = false;
    bool json = false;
    ProfileViewOptions profile;
};

// The chosen view of `record`, as text or as JSON followed by a newline.
std::string renderShow(const RunRecord& record, const ShowViewOptions& options);

} // namespace iolab::terminal
