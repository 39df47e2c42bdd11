#include "collector/sweep/device_state.h"

#include "analyzer/errors.h"
#include "collector/probes/block_devices.h"
#include "collector/sweep/knob.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace iolab::sweep {
namespace {

std::string queuePath(const std::string& device, const std::string& file) {
    return "/sys/block/" + device + "/queue/" + file;
}

std::string readSetting(const std::string& device, const std::string& file) {
    const auto value = probes::readSysBlock(device, "queue/" + file);
    if (!value) {
        return "";
    }
    return file == "scheduler" ? probes::activeScheduler(*value) : *value;
}

bool writable(const std::filesystem::path& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && (info.st_mode & S_IWUSR);
}

// errno of the failed write; 0 when it succeeded.
int writeSetting(const std::string& device, const std::string& file, const std::string& value) {
    const int fd = ::open(queuePath(device, file).c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return errno;
    }
    const bool written =
        ::write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
    const int error = written ? 0 : errno;
    ::close(fd);
    return error;
}

} // namespace

DeviceState readDeviceState(const std::string& device) {
    DeviceState state{device, {}};
    state.settings.emplace_back("scheduler", readSetting(device, "scheduler"));
    for (const char* key : kQueueKnobs) {
        if (writable(queuePath(device, key))) {
            state.settings.emplace_back(key, readSetting(device, key));
        }
    }
    std::error_code error;
    std::vector<std::string> tunables;
    for (const auto& entry :
         std::filesystem::directory_iterator(queuePath(device, "iosched"), error)) {
        if (writable(entry.path())) {
            tunables.push_back("iosched/" + entry.path().filename().string());
        }
    }
    std::ranges::sort(tunables);
    for (const std::string& file : tunables) {
        state.settings.emplace_back(file, readSetting(device, file));
    }
    return state;
}

std::string queueFile(const std::string& key) {
    const bool queueKnob =
        key == "scheduler" || std::ranges::any_of(kQueueKnobs, [&](auto k) { return key == k; });
    return queueKnob ? key : "iosched/" + key;
}

std::string applyQueueSetting(const std::string& knob, const std::string& device,
                              const std::string& file, const std::string& value) {
    if (!writable(queuePath(device, file))) {
        const std::string scheduler = readSetting(device, "scheduler");
        throw InputError(
            knob + ": " + device + " has no writable queue/" + file +
            (file.starts_with("iosched/")
                 ? " (not a queue setting, nor a tunable of its scheduler " + scheduler + ")"
                 : ""));
    }
    if (const int error = writeSetting(device, file, value); error != 0) {
        throw InputError("the kernel refuses " + knob + "=" + value + ": " + std::strerror(error));
    }
    return readSetting(device, file);
}

std::vector<std::string> restoreDeviceState(const DeviceState& state) {
    std::vector<std::string> problems;
    if (!probes::findBlockDevice(state.device)) {
        problems.push_back(state.device + " is gone: nothing to restore there");
        return problems;
    }
    for (const auto& [file, value] : state.settings) {
        if (readSetting(state.device, file) == value) {
            continue;
        }
        if (const int error = writeSetting(state.device, file, value); error != 0) {
            problems.push_back("cannot restore " + queuePath(state.device, file) + " to " + value +
                               ": " + std::strerror(error));
        }
    }
    return problems;
}

} // namespace iolab::sweep
