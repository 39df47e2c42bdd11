#pragma once

#include <string>
#include <utility>
#include <vector>

namespace iolab::sweep {

// What a sweep may change of one device's request queue, as it is now: the scheduler, the
// queue settings (kQueueKnobs) and the active scheduler's tunables. Switching the scheduler
// resets nr_requests and the tunables, so all of them are kept, not only the knobs swept.
struct DeviceState {
    std::string device;
    // Files under /sys/block/DEVICE/queue/ and their values, in the order a restore writes
    // them: "scheduler" first, then the queue settings, then "iosched/KEY".
    std::vector<std::pair<std::string, std::string>> settings;
};

DeviceState readDeviceState(const std::string& device);

// The file under /sys/block/DEVICE/queue/ a Device knob's KEY writes: "scheduler",
// "nr_requests", ... or "iosched/KEY" for a tunable of the scheduler.
std::string queueFile(const std::string& key);

// Writes `value` to /sys/block/DEVICE/queue/FILE and returns what reads back (for the
// scheduler, the active one). Throws InputError naming `knob` when the file does not exist
// (a tunable the active scheduler does not have) or the kernel refuses the value.
std::string applyQueueSetting(const std::string& knob, const std::string& device,
                              const std::string& file, const std::string& value);

// Writes back every setting of `state` that differs from the device's now; a setting that
// cannot be written is reported (one line each) and the rest go on.
std::vector<std::string> restoreDeviceState(const DeviceState& state);

} // namespace iolab::sweep
