#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace iolab::sweep {

// What a knob changes.
enum class KnobKind {
    Device,      // dev.DEVICE.KEY: /sys/block/DEVICE/queue/KEY or queue/iosched/KEY
    Clocksource, // clocksource: the kernel's clock source
    Fio,         // fio.KEY: a job option of every job of the workload
};

// One knob of a sweep and the values it takes, as `--set NAME=V1,V2,...` gave them.
struct Knob {
    std::string name; // "dev.loop3.scheduler", "clocksource", "fio.iodepth"
    KnobKind kind = KnobKind::Fio;
    std::string device; // Device: "loop3"
    std::string key;    // Device: "scheduler", "nr_requests", a scheduler tunable; Fio: "iodepth"
    std::vector<std::string> values;

    bool operator==(const Knob&) const = default;
};

// Parses "NAME=V1,V2,...": the name's form (dev.DEVICE.KEY, clocksource, fio.KEY) and at least
// one non-empty value, no value twice. Throws InputError naming the problem.
Knob parseKnob(std::string_view text);

// The queue settings (/sys/block/DEVICE/queue/KEY) a Device knob may change beside the
// scheduler; any other KEY must be a tunable of the active scheduler (queue/iosched/KEY).
inline constexpr const char* kQueueKnobs[] = {"nr_requests", "nomerges", "rq_affinity",
                                              "wbt_lat_usec", "read_ahead_kb"};

// Checks what can be checked without changing anything: every Device knob names a whole
// block device with a request queue, every clocksource value is one the kernel offers, no knob
// twice. Throws InputError naming the knob.
void checkKnobs(const std::vector<Knob>& knobs);

} // namespace iolab::sweep
