#include "reports/terminal/show_view.h"

#include "reports/terminal/run_summary.h"

namespace iolab::terminal {

std::string renderShow(const RunRecord& record, const ShowViewOptions& options) {
    const StackProfile& profile = record.profile;
    const ProfileViewOptions& view = options.profile;
    if (options.symbols) {
        return options.json ? symbolsJson(profile, view).dump(2) + "\n"
                            : renderSymbols(profile, view);
    }
    if (!options.callgraph.empty()) {
        return options.json ? callGraphJson(profile, options.callgraph, view).dump(2) + "\n"
                            : renderCallGraph(profile, options.callgraph, view);
    }
    if (options.tree) {
        return options.json ? treeJson(profile, view).dump(2) + "\n" : renderTree(profile, view);
    }
    return options.json ? summaryJson(record).dump(2) + "\n" : renderSummary(record);
}

} // namespace iolab::terminal
