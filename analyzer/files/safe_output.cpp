#include "analyzer/files/safe_output.h"

#include "analyzer/errors.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>
#include <utility>

namespace iolab::files {
namespace {

namespace fs = std::filesystem;

bool isStickyWorldWritable(const struct stat& directory) {
    return (directory.st_mode & S_ISVTX) != 0 && (directory.st_mode & S_IWOTH) != 0;
}

void writeAll(int fd, std::string_view text, const fs::path& path) {
    while (!text.empty()) {
        const ssize_t written = ::write(fd, text.data(), text.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            throwWriteError(path, written < 0 ? errno : ENOSPC);
        }
        text.remove_prefix(static_cast<std::size_t>(written));
    }
}

} // namespace

FileDescriptor::~FileDescriptor() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

FileDescriptor::FileDescriptor(FileDescriptor&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)) {}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

void throwWriteError(const fs::path& path, int error) {
    if (error == ENOSPC || error == EDQUOT) {
        throw SystemError(path.string() + ": disk full");
    }
    const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    if (error == EROFS ||
        ((error == EACCES || error == EPERM) && ::access(parent.c_str(), W_OK) != 0)) {
        throw SystemError("permission denied: " + parent.string() + " is read-only");
    }
    throw SystemError(path.string() + ": " + std::strerror(error));
}

OutputLocation::OutputLocation(const fs::path& path)
    : m_path(path)
    , m_directoryPath(path.parent_path().empty() ? fs::path(".") : path.parent_path())
    , m_name(path.filename().string()) {
    if (m_name.empty() || m_name == "." || m_name == "..") {
        throw InputError(path.string() + ": not a file name");
    }
    m_directory =
        FileDescriptor(::open(m_directoryPath.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_directory.valid()) {
        throw SystemError(m_directoryPath.string() + ": " + std::strerror(errno));
    }
    struct stat entry {};
    if (::fstatat(m_directory.get(), m_name.c_str(), &entry, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno != ENOENT) {
            throw SystemError(path.string() + ": " + std::strerror(errno));
        }
        return;
    }
    if (S_ISLNK(entry.st_mode)) {
        throw InputError(path.string() +
                         ": is a symbolic link; iolab writes no file through a link (give the "
                         "file's own path)");
    }
    if (!S_ISREG(entry.st_mode)) {
        throw InputError(path.string() + ": not a regular file");
    }
    struct stat directory {};
    if (::fstat(m_directory.get(), &directory) != 0) {
        throw SystemError(m_directoryPath.string() + ": " + std::strerror(errno));
    }
    const bool othersFile = entry.st_uid != ::geteuid();
    if (othersFile && isStickyWorldWritable(directory)) {
        throw InputError(path.string() + ": belongs to another user in the shared directory " +
                         m_directoryPath.string() +
                         "; iolab does not write it (choose another path)");
    }
    if (othersFile && entry.st_nlink > 1) {
        throw InputError(path.string() + ": another user's file with other hard links; iolab "
                                         "does not write it");
    }
    m_existing = entry;
}

std::optional<FileDescriptor>
OutputLocation::createExclusive(mode_t mode, const std::optional<Owner>& owner) const {
    FileDescriptor fd(::openat(m_directory.get(), m_name.c_str(),
                               O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
    if (!fd.valid()) {
        if (errno == EEXIST) {
            return std::nullopt;
        }
        throwWriteError(m_path, errno);
    }
    // fchmod, not the mode argument alone: the result is `mode` whatever the umask, never more.
    if (::fchmod(fd.get(), mode) != 0 ||
        (owner && ::fchown(fd.get(), owner->uid, owner->gid) != 0)) {
        const int error = errno;
        removeIfSame(fd.get());
        throwWriteError(m_path, error);
    }
    return fd;
}

void OutputLocation::replaceWith(std::string_view text, mode_t mode) const {
    std::random_device random;
    std::string temporary;
    FileDescriptor fd;
    for (int attempt = 0; attempt < 100 && !fd.valid(); ++attempt) {
        temporary = "." + m_name + "." + std::to_string(random() % 1000000) + ".tmp";
        fd = FileDescriptor(::openat(m_directory.get(), temporary.c_str(),
                                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
        if (!fd.valid() && errno != EEXIST) {
            throwWriteError(m_path, errno);
        }
    }
    if (!fd.valid()) {
        throw SystemError(m_path.string() + ": cannot create a temporary file beside it");
    }
    try {
        if (::fchmod(fd.get(), mode) != 0) {
            throwWriteError(m_path, errno);
        }
        writeAll(fd.get(), text, m_path);
        if (::fsync(fd.get()) != 0) {
            throwWriteError(m_path, errno);
        }
        if (::renameat(m_directory.get(), temporary.c_str(), m_directory.get(), m_name.c_str()) !=
            0) {
            throwWriteError(m_path, errno);
        }
    } catch (...) {
        ::unlinkat(m_directory.get(), temporary.c_str(), 0);
        throw;
    }
}

void OutputLocation::removeIfSame(int fd) const {
    struct stat held {};
    struct stat named {};
    if (::fstat(fd, &held) == 0 &&
        ::fstatat(m_directory.get(), m_name.c_str(), &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino) {
        ::unlinkat(m_directory.get(), m_name.c_str(), 0);
    }
}

} // namespace iolab::files
