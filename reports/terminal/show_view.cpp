#include "reports/terminal/show_view.h"

#include "reports/terminal/run_summary.h"

namespace iolab::terminal {

std::string renderShow(const RunRecord& record, const ShowViewOptions& options) {
    if (!options.symbols && options.callgraph.empty() && !options.tree) {
        return options.json ? summaryJson(record, options.costs).dump(2) + "\n"
                            : renderSummary(record, options.costs);
    }
    const analysis::ScopedProfile scoped = analysis::scopeProfile(record, options.costs.processes);
    const StackProfile& profile = scoped.profile;
    const ProfileViewOptions& view = options.profile;
    if (options.json) {
        nlohmann::ordered_json out;
        out["processes"] = scoped.label;
        out.update(options.symbols              ? symbolsJson(profile, view)
                   : !options.callgraph.empty() ? callGraphJson(profile, options.callgraph, view)
                                                : treeJson(profile, view));
        return out.dump(2) + "\n";
    }
    return "processes: " + scoped.label + "\n" +
           (options.symbols              ? renderSymbols(profile, view)
            : !options.callgraph.empty() ? renderCallGraph(profile, options.callgraph, view)
                                         : renderTree(profile, view));
}

} // namespace iolab::terminal
