#include "collector/probes/block_latency.h"

#include "block_latency.skel.h"
#include "bpf/block_latency.h"
#include "collector/probes/block_programs.h"
#include "collector/probes/probe_support.h"
#include "collector/probes/skeleton_probe_impl.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <fmt/core.h>
#include <fmt/ranges.h>
#include <thread>

namespace iolab::probes {
namespace {

constexpr std::array kPlan{Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint};
static_assert(kMaxSlowestIos == BLOCK_SLOWEST_MAX);

// The devices to watch: the scope's (with what they sit on), else every disk.
std::vector<BlockDevice> devicesFor(const ProbeScope& scope) {
    if (scope.devices.empty()) {
        auto all = listBlockDevices();
        if (all.size() > BLOCK_MAX_SLOTS) {
            all.resize(BLOCK_MAX_SLOTS);
        }
        return all;
    }
    std::vector<BlockDevice> devices;
    auto addDevice = [&](const std::string& name) {
        for (const auto& known : devices) {
            if (known.name == name) {
                return;
            }
        }
        auto device = findBlockDevice(name);
        if (!device) {
            throw SystemError("block: no block device " + name + " (/sys/block/" + name + ")");
        }
        if (devices.size() == BLOCK_MAX_SLOTS) {
            throw SystemError(fmt::format("block: at most {} devices at once", BLOCK_MAX_SLOTS));
        }
        devices.push_back(std::move(*device));
    };
    for (const auto& name : scope.devices) {
        addDevice(name);
        for (const auto& lower : lowerDisks(name)) {
            addDevice(lower);
        }
    }
    return devices;
}

bool isEmpty(bpf_map* map) {
    block_inflight_key key{};
    return bpf_map__get_next_key(map, nullptr, &key, sizeof(key)) != 0;
}

// Deletes every entry of an in-flight map (its programs detached).
void clearInflight(bpf_map* map) {
    block_inflight_key key{};
    while (bpf_map__get_next_key(map, nullptr, &key, sizeof(key)) == 0) {
        if (bpf_map__delete_elem(map, &key, sizeof(key), 0) != 0) {
            break;
        }
    }
}

} // namespace

template class SkeletonProbe<block_latency_bpf>;

BlockLatencyProbe::BlockLatencyProbe(const BlockOptions& options)
    : m_options(options) {}

BlockLatencyProbe::~BlockLatencyProbe() = default;

void BlockLatencyProbe::attach(const ProbeScope& scope) {
    m_devices = devicesFor(scope);
    bool anyBio = false;
    for (const auto& device : m_devices) {
        anyBio = anyBio || device.bio_based;
    }
    auto openLoadAttach = [&](Mechanism mechanism) {
        checkKernelSupport(mechanism);
        auto skeleton = openSkeleton<block_latency_bpf>();
        auto* rodata = skeleton->rodata;
        std::uint32_t bioMask = 0;
        for (std::size_t slot = 0; slot < m_devices.size(); ++slot) {
            rodata->targ_devs[slot] = m_devices[slot].kernel_dev;
            bioMask |= m_devices[slot].bio_based ? 1u << slot : 0;
        }
        rodata->nr_devs = static_cast<std::uint32_t>(m_devices.size());
        rodata->bio_slot_mask = bioMask;
        // Each CPU keeps as many as the run shows: the slowest of all are among them.
        rodata->slowest_n = std::min(m_options.slowest, kMaxSlowestIos);
        for (const auto& choice : block::programsOf(*skeleton)) {
            const bool load =
                choice.mechanism == mechanism && block::hookWanted(choice.hook, anyBio);
            if (const int error = bpf_program__set_autoload(choice.program, load); error != 0) {
                throw libbpfError("set autoload", -error);
            }
        }
        loadAndAttach(*skeleton);
        return skeleton;
    };
    m_stats_before.clear();
    for (const auto& device : m_devices) {
        m_stats_before.push_back(readDiskStats(device.name));
    }
    attachBest(kPlan, m_options.force, openLoadAttach);
    m_windows = scope.windows;
    if (m_options.slowest != 0) {
        m_slowest.watch(bpf_map__fd(m_skeleton->maps.slowest));
    }
}

// Between windows nothing is stamped, and IOs still in flight when a window closes would leave
// their entries behind, to be matched with a reused pointer in a later window: the maps are
// emptied once the programs are detached.
void BlockLatencyProbe::pause() {
    detachPrograms();
    if (m_skeleton) {
        clearInflight(m_skeleton->maps.bios);
        clearInflight(m_skeleton->maps.rqs);
    }
}

void BlockLatencyProbe::resume() {
    reattachPrograms();
}

void BlockLatencyProbe::detach() {
    if (!m_skeleton) {
        return;
    }
    // A workload can exit with IO in flight (fio does not wait for its last asynchronous
    // reads): those complete after it and are the recording's too. The kernel's in-flight count
    // holds only requests given to the driver, not those still in an IO scheduler or waiting
    // for a tag; bios the probe saw queued and not completed are in its map.
    const auto longest = std::chrono::milliseconds(500);
    const auto deadline = std::chrono::steady_clock::now() + longest;
    waitUntilIdle(m_devices, longest);
    while (!isEmpty(m_skeleton->maps.bios) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    block_latency_bpf::detach(m_skeleton.get());
    m_slowest.stop();
    m_stats_after.clear();
    for (const auto& device : m_devices) {
        m_stats_after.push_back(readDiskStats(device.name));
    }
}

void BlockLatencyProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    addAttachMetadata(record);
    auto& metadata = record.run.metadata;
    metadata["probe.block.timing"] = "tracepoints";
    std::vector<std::string> names;
    for (const auto& device : m_devices) {
        names.push_back(device.name + (device.bio_based ? "(bio)" : ""));
    }
    metadata["probe.block.devices"] = fmt::format("{}", fmt::join(names, " "));
    collectHistograms(record);
    collectCounters(record);
    if (m_options.slowest != 0) {
        std::vector<std::string> devices;
        for (const auto& device : m_devices) {
            devices.push_back(device.name);
        }
        record.slow_ios =
            m_slowest.collect(bpf_map__fd(m_skeleton->maps.slowest),
                              bpf_map__fd(m_skeleton->maps.stacks), m_options.slowest, devices);
    }
}

} // namespace iolab::probes
