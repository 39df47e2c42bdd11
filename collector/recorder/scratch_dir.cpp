#include "collector/recorder/scratch_dir.h"

#include "analyzer/errors.h"
#include "analyzer/model/recorder_identity.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

namespace fs = std::filesystem;

// A recording's directory, and a sweep's, which outlives each of the sweep's recordings.
constexpr std::string_view kKinds[] = {"record", "sweep"};

std::string nameFor(std::string_view kind, const RecorderIdentity& recorder) {
    return std::string(kind) + "-" + std::to_string(recorder.pid) + "-" +
           std::to_string(recorder.start_ticks);
}

// Whether the recorder that named the directory `name` is gone (its pid is free or reused).
bool ownerGone(std::string_view name) {
    const auto* kind = std::ranges::find_if(
        kKinds, [&](std::string_view k) { return name.starts_with(std::string(k) + "-"); });
    if (kind == std::end(kKinds)) {
        return false;
    }
    const std::string_view rest = name.substr(kind->size() + 1);
    pid_t pid = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc() || pid <= 0) {
        return false;
    }
    return nameFor(*kind, processIdentity(pid)) != name;
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

ScratchDir::ScratchDir(const std::optional<files::Owner>& writer, std::string_view kind) {
    const fs::path root = scratchRoot();
    ensureRoot(root);
    m_path = root / nameFor(kind, currentRecorder());
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
