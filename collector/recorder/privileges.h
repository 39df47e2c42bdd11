#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>

namespace iolab::recorder {

// The user who ran `sudo iolab record`: the workload runs as them and the database is theirs.
struct InvokingUser {
    uid_t uid = 0;
    gid_t gid = 0;
    std::string name;
};

// From SUDO_UID / SUDO_GID when iolab runs as root through sudo; nullopt otherwise.
std::optional<InvokingUser> invokingUser();

// Throws SystemError (exit 3) saying what is missing and how to fix it when the process may
// not load BPF programs (root, or CAP_BPF with CAP_PERFMON), or the kernel lacks BPF.
void checkRecordingSupport();

// Classic tracepoints need tracefs: mounts it at /sys/kernel/tracing when nothing is there.
// Returns a warning to show when that failed (the other mechanisms may still work).
std::optional<std::string> ensureTracefs();

// Whether `user` may open `path` for reading and writing by its mode bits.
bool userCanOpen(const std::filesystem::path& path, const InvokingUser& user);

} // namespace iolab::recorder
