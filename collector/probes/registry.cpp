#include "collector/probes/registry.h"

#include "analyzer/errors.h"
#include "collector/probes/alloc.h"
#include "collector/probes/block_latency.h"
#include "collector/probes/clock.h"
#include "collector/probes/cpu.h"
#include "collector/probes/lock.h"

#include <algorithm>
#include <functional>
#include <utility>

namespace iolab::probes {
namespace {

struct Entry {
    std::string_view name;
    bool by_default;
    std::function<std::unique_ptr<Probe>(const ProbeSettings&)> make;
};

const std::vector<Entry>& entries() {
    static const std::vector<Entry> all{
        {"block", true,
         [](const ProbeSettings& settings) {
             return std::make_unique<BlockLatencyProbe>(
                 BlockOptions{.slowest = settings.slowest_ios});
         }},
        {"clock", true,
         [](const ProbeSettings& settings) {
             return std::make_unique<ClockProbe>(
                 ClockOptions{.all_clocksources = settings.all_clocksources});
         }},
        {"lock", true, [](const ProbeSettings&) { return std::make_unique<LockProbe>(); }},
        {"alloc", true, [](const ProbeSettings&) { return std::make_unique<AllocProbe>(); }},
        {"cpu", true, [](const ProbeSettings&) { return std::make_unique<CpuProbe>(); }},
    };
    return all;
}

} // namespace

std::vector<std::string> defaultProbes() {
    std::vector<std::string> names;
    for (const auto& entry : entries()) {
        if (entry.by_default) {
            names.emplace_back(entry.name);
        }
    }
    return names;
}

std::vector<std::string> knownProbes() {
    std::vector<std::string> names;
    for (const auto& entry : entries()) {
        names.emplace_back(entry.name);
    }
    std::ranges::sort(names);
    return names;
}

std::unique_ptr<Probe> makeProbe(std::string_view name, const ProbeSettings& settings) {
    for (const auto& entry : entries()) {
        if (entry.name == name) {
            return entry.make(settings);
        }
    }
    std::string known;
    for (const auto& probe : knownProbes()) {
        known += (known.empty() ? "" : ", ") + probe;
    }
    throw InputError("unknown probe '" + std::string(name) + "' (known: " + known + ")");
}

} // namespace iolab::probes
