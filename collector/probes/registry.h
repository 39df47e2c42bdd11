#pragma once

#include "collector/probes/probe.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::probes {

// The probes `iolab record` runs when no --probe is given.
std::vector<std::string> defaultProbes();
// Every probe name makeProbe knows, sorted.
std::vector<std::string> knownProbes();
// What the command line may ask of individual probes.
struct ProbeSettings {
    bool all_clocksources = false;  // clock: also measure every clock source (switched, restored)
    std::uint32_t slowest_ios = 20; // block: the slowest requests kept with their story
};

// A new, unattached probe; throws InputError listing the known probes for an unknown name.
std::unique_ptr<Probe> makeProbe(std::string_view name, const ProbeSettings& settings = {});

} // namespace iolab::probes
