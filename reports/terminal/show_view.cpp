#include "reports/terminal/show_view.h"

#include "reports/terminal/run_summary.h"
#include "reports/terminal/slowest_view.h"

namespace iolab::terminal {

void writeShow(const RunRecord& record, const ShowViewOptions& options, const TextSink& sink) {
    if (options.slowest) {
        sink(options.json ? slowestJson(record).dump(2) + "\n" : renderSlowest(record));
        return;
    }
    if (!options.symbols && options.callgraph.empty() && !options.tree) {
        sink(options.json ? summaryJson(record, options.costs).dump(2) + "\n"
                          : renderSummary(record, options.costs));
        return;
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
        sink(out.dump(2) + "\n");
        return;
    }
    const std::string header = "processes: " + scoped.label + "\n";
    if (options.tree) {
        selectEvents(profile, view.event); // an unknown event is refused before anything is written
        sink(header);
        writeTree(profile, view, sink);
        return;
    }
    sink(header + (options.symbols ? renderSymbols(profile, view)
                                   : renderCallGraph(profile, options.callgraph, view)));
}

} // namespace iolab::terminal
