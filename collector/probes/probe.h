#pragma once

#include "analyzer/model/run_record.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::probes {

class SamplingWindows;

// What a recording observes, handed to every probe before it attaches.
struct ProbeScope {
    // fd of the BPF hash map (key: u32 tgid, value: u8) holding the workload's process tree,
    // kept by the process tracker; -1 when recording system-wide (`-a`). A probe that filters
    // by process reuses this map (bpf_map__reuse_fd before load) instead of keeping its own.
    int tracked_tgids_fd = -1;
    // Block devices the workload touches ("loop0"); empty means every device.
    std::vector<std::string> devices;
    // The recorder's sampling windows, when the per-event probes count in windows only; null
    // when they count all along.
    const SamplingWindows* windows = nullptr;
};

// One live probe of `iolab record`. Lifecycle: attach → (workload runs) → detach → collect.
class Probe {
public:
    Probe() = default;
    virtual ~Probe() = default;
    Probe(const Probe&) = delete;
    Probe& operator=(const Probe&) = delete;
    Probe(Probe&&) = delete;
    Probe& operator=(Probe&&) = delete;

    // The name given to --probe ("block", "clock", "lock", "alloc", "cpu").
    virtual std::string_view name() const = 0;
    // Loads and attaches with the best mechanism that works; throws SystemError naming each
    // mechanism's reason when none does.
    virtual void attach(const ProbeScope& scope) = 0;
    // Stops measuring; what was measured stays readable.
    virtual void detach() = 0;
    // Probes whose programs run on every IO measure in sampling windows to spare the workload
    // (the recorder's DutyCycle), and scale what the windows saw to the whole recording. A
    // window opens in two steps: resume() attaches the per-event programs of every probe, then
    // openWindow() starts each one counting; it closes the same way back: closeWindow(), then
    // pause(). So the disturbance of attaching and detaching (text patching on every CPU) stays
    // out of every window. attach() leaves a probe attached and counting. A probe cheap enough
    // to stay on keeps these, which do nothing. resume() throws SystemError when it cannot
    // attach again.
    virtual void pause() {}
    virtual void resume() {}
    virtual void openWindow() {}
    virtual void closeWindow() {}
    // Adds what was measured to the run: histograms, counters, profile, stats, and metadata
    // `probe.NAME.mechanism` plus counters for lost events and drops.
    virtual void collect(RunRecord& record) = 0;
};

} // namespace iolab::probes
