#include "collector/recorder/privileges.h"

#include "analyzer/errors.h"

#include <cstdlib>
#include <grp.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <pwd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace iolab::recorder {
namespace {

// Linux 5.8 split these out of CAP_SYS_ADMIN; older headers lack the names.
constexpr int kCapPerfmon = 38;
constexpr int kCapBpf = 39;

bool hasEffectiveCapability(int capability) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (syscall(SYS_capget, &header, data) != 0) {
        return false;
    }
    return (data[capability / 32].effective >> (capability % 32)) & 1;
}

bool isTracefs(const char* path) {
    struct statfs info {};
    return statfs(path, &info) == 0 && info.f_type == TRACEFS_MAGIC;
}

std::optional<unsigned long> envNumber(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') {
        return std::nullopt;
    }
    char* end = nullptr;
    const unsigned long value = std::strtoul(text, &end, 10);
    return *end == '\0' ? std::optional(value) : std::nullopt;
}

} // namespace

std::optional<InvokingUser> invokingUser() {
    const auto uid = envNumber("SUDO_UID");
    const auto gid = envNumber("SUDO_GID");
    if (geteuid() != 0 || !uid || !gid || *uid == 0) {
        return std::nullopt;
    }
    InvokingUser user{static_cast<uid_t>(*uid), static_cast<gid_t>(*gid), ""};
    if (const passwd* entry = getpwuid(user.uid)) {
        user.name = entry->pw_name;
    }
    return user;
}

void checkRecordingSupport() {
    if (geteuid() != 0 &&
        !(hasEffectiveCapability(kCapBpf) && hasEffectiveCapability(kCapPerfmon))) {
        throw SystemError("recording loads BPF programs: run as root (sudo iolab record ...) or "
                          "give iolab CAP_BPF and CAP_PERFMON (sudo setcap "
                          "cap_bpf,cap_perfmon+ep $(command -v iolab))");
    }
    struct stat info {};
    if (::stat("/sys/kernel/btf/vmlinux", &info) != 0 && !isTracefs("/sys/kernel/tracing") &&
        !isTracefs("/sys/kernel/debug/tracing")) {
        throw SystemError("the kernel offers neither BTF (/sys/kernel/btf/vmlinux, "
                          "CONFIG_DEBUG_INFO_BTF=y) nor tracefs: no probe can attach");
    }
}

std::optional<std::string> ensureTracefs() {
    if (isTracefs("/sys/kernel/tracing") || isTracefs("/sys/kernel/debug/tracing")) {
        return std::nullopt;
    }
    if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, nullptr) != 0) {
        return "tracefs is not mounted and mounting it failed (mount -t tracefs nodev "
               "/sys/kernel/tracing): classic tracepoints are unavailable";
    }
    return std::nullopt;
}

bool userCanOpen(const std::filesystem::path& path, const InvokingUser& user) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return true; // nothing to open yet: fio creates it as the user
    }
    const mode_t rw = S_IRUSR | S_IWUSR;
    if (info.st_uid == user.uid) {
        return (info.st_mode & rw) == rw;
    }
    int count = 32;
    std::vector<gid_t> groups(count);
    if (getgrouplist(user.name.c_str(), user.gid, groups.data(), &count) < 0) {
        groups.resize(count);
        getgrouplist(user.name.c_str(), user.gid, groups.data(), &count);
    }
    groups.resize(count);
    for (const gid_t group : groups) {
        if (group == info.st_gid) {
            return (info.st_mode & (rw >> 3)) == (rw >> 3);
        }
    }
    return (info.st_mode & (rw >> 6)) == (rw >> 6);
}

} // namespace iolab::recorder
