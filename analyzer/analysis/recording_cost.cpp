#include "analyzer/analysis/recording_cost.h"

#include <map>

namespace iolab::analysis {

RecordingCost recordingCost(const RunRecord& record) {
    RecordingCost cost;
    std::map<std::string, ProbeCost> probes;
    const auto probeName = [](const std::string& counter, const std::string& suffix) {
        return counter.substr(6, counter.size() - 6 - suffix.size()); // after "probe."
    };
    for (const Counter& counter : record.counters) {
        if (!counter.name.starts_with("probe.")) {
            continue;
        }
        if (counter.name.ends_with(".cost_ns")) {
            const std::string name = probeName(counter.name, ".cost_ns");
            probes[name].probe = name;
            probes[name].cost_ns += counter.value;
        } else if (counter.name.ends_with(".events")) {
            const std::string name = probeName(counter.name, ".events");
            probes[name].probe = name;
            probes[name].events += counter.value;
        }
    }
    for (auto& [name, probe] : probes) {
        cost.probes_ns += probe.cost_ns;
        cost.probes.push_back(probe);
    }
    for (const Counter& counter : record.counters) {
        if (counter.name == "record.cpu_seconds") {
            cost.recorder_ns += counter.value * 1e9;
        }
    }
    if (record.run.end_ns > record.run.start_ns) {
        cost.seconds = static_cast<double>(record.run.end_ns - record.run.start_ns) / 1e9;
    }
    return cost;
}

} // namespace iolab::analysis
