#include "analyzer/model/recorder_identity.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace iolab {
namespace {

constexpr const char* kPidKey = "record.pid";
constexpr const char* kStartKey = "record.pid_start";
constexpr const char* kBootKey = "record.boot_id";
constexpr const char* kHostKey = "record.host";

std::string firstLine(const char* path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string hostName() {
    char name[256] = {};
    return gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

// Field 22 of /proc/PID/stat; 0 when the process does not exist. The command name (field 2)
// may hold spaces and parentheses, so fields are counted after its last ')'.
std::uint64_t startTicks(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) {
        return 0;
    }
    std::istringstream fields(text.substr(close + 1));
    std::string field;
    for (int index = 3; fields >> field; ++index) {
        if (index == 22) {
            std::uint64_t ticks = 0;
            std::from_chars(field.data(), field.data() + field.size(), ticks);
            return ticks;
        }
    }
    return 0;
}

std::string valueOf(const Run& run, const char* key) {
    const auto found = run.metadata.find(key);
    return found != run.metadata.end() ? found->second : std::string();
}

} // namespace

RecorderIdentity processIdentity(pid_t pid) {
    const std::uint64_t ticks = startTicks(pid);
    if (ticks == 0) {
        return {};
    }
    return {pid, ticks, firstLine("/proc/sys/kernel/random/boot_id"), hostName()};
}

RecorderIdentity currentRecorder() {
    return processIdentity(getpid());
}

void addTo(const RecorderIdentity& recorder, std::map<std::string, std::string>& metadata) {
    metadata[kPidKey] = std::to_string(recorder.pid);
    metadata[kStartKey] = std::to_string(recorder.start_ticks);
    metadata[kBootKey] = recorder.boot_id;
    metadata[kHostKey] = recorder.host;
}

bool recorderGone(const Run& run) {
    if (run.status != RunStatus::Recording) {
        return false;
    }
    const std::string pid = valueOf(run, kPidKey);
    if (pid.empty() || valueOf(run, kHostKey) != hostName()) {
        return false;
    }
    if (valueOf(run, kBootKey) != firstLine("/proc/sys/kernel/random/boot_id")) {
        return true; // the host rebooted since
    }
    pid_t recorder = 0;
    if (std::from_chars(pid.data(), pid.data() + pid.size(), recorder).ec != std::errc() ||
        recorder <= 0) {
        return false;
    }
    const RecorderIdentity now = processIdentity(recorder);
    return now.pid == 0 || std::to_string(now.start_ticks) != valueOf(run, kStartKey);
}

} // namespace iolab
