#include "collector/recorder/system_snapshot.h"

#include "collector/probes/block_devices.h"

#include <filesystem>
#include <fstream>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

namespace iolab::recorder {
namespace {

std::string firstLine(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.starts_with("model name")) {
            const auto colon = line.find(':');
            return colon == std::string::npos ? ""
                                              : line.substr(line.find_first_not_of(' ', colon + 1));
        }
    }
    return "";
}

void addDevice(std::map<std::string, std::string>& metadata, const std::string& name) {
    const std::string prefix = "dev." + name + ".";
    if (auto listing = probes::readSysBlock(name, "queue/scheduler")) {
        metadata[prefix + "scheduler"] = probes::activeScheduler(*listing);
    }
    for (const char* setting : {"nr_requests", "rotational", "nomerges", "rq_affinity",
                                "wbt_lat_usec", "read_ahead_kb"}) {
        if (auto value = probes::readSysBlock(name, std::string("queue/") + setting)) {
            metadata[prefix + setting] = *value;
        }
    }
    if (auto backing = probes::readSysBlock(name, "loop/backing_file")) {
        metadata[prefix + "backing_file"] = *backing;
        metadata[prefix + "dio"] = probes::readSysBlock(name, "loop/dio").value_or("");
    }
    std::string slaves;
    std::error_code error;
    for (const auto& entry :
         std::filesystem::directory_iterator("/sys/block/" + name + "/slaves", error)) {
        slaves += (slaves.empty() ? "" : " ") + entry.path().filename().string();
    }
    if (!slaves.empty()) {
        metadata[prefix + "slaves"] = slaves;
    }
}

} // namespace

std::map<std::string, std::string> systemSnapshot(const std::vector<std::string>& devices) {
    std::map<std::string, std::string> metadata;
    utsname names{};
    if (uname(&names) == 0) {
        metadata["kernel"] = names.release;
        metadata["host"] = names.nodename;
        metadata["arch"] = names.machine;
    }
    metadata["cpu.model"] = cpuModel();
    metadata["cpu.cores"] = std::to_string(sysconf(_SC_NPROCESSORS_ONLN));
    metadata["clocksource"] =
        firstLine("/sys/devices/system/clocksource/clocksource0/current_clocksource");
    for (const auto& device : devices) {
        addDevice(metadata, device);
    }
    return metadata;
}

} // namespace iolab::recorder
