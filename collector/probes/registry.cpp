#include "collector/probes/registry.h"

#include "analyzer/errors.h"
#include "collector/probes/alloc.h"
#include "collector/probes/block_latency.h"
#include "collector/probes/clock.h"
#include "collector/probes/cpu.h"
#include "collector/probes/lock.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <utility>

namespace iolab::probes {
namespace {

struct Entry {
    std::string_view name;
    bool by_default;
    std::function<std::unique_ptr<Probe>()> make;
};

// IOLAB_BLOCK_TIMING=inflight-map times requests through the map even where the kernel stamps
// them: the way to measure what the fallback costs.
std::unique_ptr<Probe> makeBlockProbe() {
    BlockOptions options;
    const char* timing = std::getenv("IOLAB_BLOCK_TIMING");
    options.force_inflight_map = timing != nullptr && std::string_view(timing) == "inflight-map";
    return std::make_unique<BlockLatencyProbe>(options);
}

const std::vector<Entry>& entries() {
    static const std::vector<Entry> all{
        {"block", true, makeBlockProbe},
        {"clock", true,
         [] {
             return std::make_unique<ClockProbe>(
                 ClockOptions{.all_clocksources = std::getenv("IOLAB_CLOCKSOURCES") != nullptr});
         }},
        {"lock", true, [] { return std::make_unique<LockProbe>(); }},
        {"alloc", true, [] { return std::make_unique<AllocProbe>(); }},
        {"cpu", true, [] { return std::make_unique<CpuProbe>(); }},
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

std::unique_ptr<Probe> makeProbe(std::string_view name) {
    for (const auto& entry : entries()) {
        if (entry.name == name) {
            return entry.make();
        }
    }
    std::string known;
    for (const auto& probe : knownProbes()) {
        known += (known.empty() ? "" : ", ") + probe;
    }
    throw InputError("unknown probe '" + std::string(name) + "' (known: " + known + ")");
}

} // namespace iolab::probes
