#include "analyzer/analysis/comparison_parts.h"

#include <cctype>
#include <set>

namespace iolab {
namespace {

constexpr const char* kUnset = "(unset)";

// The machine, the kernel and its settings, and fio's version and job options (fio.JOB.OPTION):
// a difference there can explain a change as well as the code under test can.
bool describesEnvironment(const std::string& key) {
    return key == "kernel" || key == "clocksource" || key == "host" || key == "arch" ||
           key == "cpu" || key.starts_with("cpu.") || key.starts_with("dev.") ||
           key.starts_with("fio.");
}

std::vector<std::string> valuesOf(const std::vector<const RunRecord*>& side,
                                  const std::string& key) {
    std::set<std::string> values;
    for (const RunRecord* record : side) {
        const auto found = record->run.metadata.find(key);
        if (found == record->run.metadata.end()) {
            values.insert(kUnset);
            continue;
        }
        std::string value = found->second;
        while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())) != 0) {
            value.pop_back();
        }
        values.insert(value);
    }
    return {values.begin(), values.end()};
}

} // namespace

std::vector<EnvironmentDrift> environmentDrift(const std::vector<const RunRecord*>& baseline,
                                               const std::vector<const RunRecord*>& candidate) {
    std::set<std::string> keys;
    for (const auto* side : {&baseline, &candidate}) {
        for (const RunRecord* record : *side) {
            for (const auto& [key, value] : record->run.metadata) {
                if (describesEnvironment(key)) {
                    keys.insert(key);
                }
            }
        }
    }
    std::vector<EnvironmentDrift> drift;
    for (const std::string& key : keys) {
        auto base = valuesOf(baseline, key);
        auto cand = valuesOf(candidate, key);
        if (base.size() > 1 || cand.size() > 1 || base != cand) {
            drift.push_back({key, std::move(base), std::move(cand)});
        }
    }
    return drift;
}

} // namespace iolab
