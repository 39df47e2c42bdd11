#include "collector/recorder/scratch_dir.h"

#include "analyzer/errors.h"
#include "analyzer/model/recorder_identity.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kPrefix = "record-";

std::string nameFor(const RecorderIdentity& recorder) {
    return std::string(kPrefix) + std::to_string(recorder.pid) + "-" +
           std::to_string(recorder.start_ticks);
}

// Whether the recorder that named the directory `name` is gone (its pid is free or reused).
bool ownerGone(std::string_view name) {
    if (!name.starts_with(kPrefix)) {
        return false;
    }
    name.remove_prefix(kPrefix.size());
    pid_t pid = 0;
    const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), pid);
    if (error != std::errc() || pid <= 0) {
        return false;
    }
    return nameFor(processIdentity(pid)) != std::string(kPrefix) + std::string(name);
}

// The per-user directory, made when missing; refused when someone else made it, or could write
// into it.
void ensureRoot(const fs::path& root) {
    if (::mkdir(root.c_str(), files::kDirectoryMode) != 0 && errno != EEXIST) {
        throw SystemError(root.string() + ": cannot create: " + std::strerror(errno));
    }
    struct stat info {};
    if (::lstat(root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::geteuid() ||
        (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        throw SystemError(root.string() +
                          ": exists but is not this user's own private directory; remove it");
    }
    ::chmod(root.c_str(), files::kDirectoryMode);
}

} // namespace

void removeAbandonedScratch() {
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(scratchRoot(), error)) {
        if (ownerGone(entry.path().filename().string())) {
            fs::remove_all(entry.path(), error);
        }
    }
}

fs::path scratchRoot() {
    return fs::path("/tmp") / ("iolab-" + std::to_string(::geteuid()));
}

ScratchDir::ScratchDir(const std::optional<files::Owner>& writer) {
    const fs::path root = scratchRoot();
    ensureRoot(root);
    m_path = root / nameFor(currentRecorder());
    std::error_code ignored;
    fs::remove_all(m_path, ignored); // a previous recording of this process (--repeat)
    if (::mkdir(m_path.c_str(), files::kDirectoryMode) != 0) {
        throw SystemError(m_path.string() + ": cannot create: " + std::strerror(errno));
    }
    const files::FileDescriptor directory(
        ::open(m_path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!directory.valid() || ::fchmod(directory.get(), files::kDirectoryMode) != 0 ||
        (writer && ::fchown(directory.get(), writer->uid, writer->gid) != 0)) {
        throw SystemError(m_path.string() + ": cannot prepare: " + std::strerror(errno));
    }
}

ScratchDir::~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

} // namespace iolab::recorder
