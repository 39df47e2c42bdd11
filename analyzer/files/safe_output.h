#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/types.h>

namespace iolab::files {

// Owns one file descriptor; closes it on every path out of a scope.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd = -1)
        : m_fd(fd) {}
    ~FileDescriptor();
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    FileDescriptor(FileDescriptor&& other) noexcept;
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;

    int get() const { return m_fd; }
    bool valid() const { return m_fd >= 0; }

private:
    int m_fd;
};

// Who a file iolab creates as root belongs to (the user behind sudo).
struct Owner {
    uid_t uid = 0;
    gid_t gid = 0;
};

// Modes of what iolab writes, at most (the umask can only lower them).
inline constexpr mode_t kOutputFileMode = 0644;
inline constexpr mode_t kPrivateFileMode = 0600;
inline constexpr mode_t kDirectoryMode = 0755;

// Where a file is about to be written: its directory, held open, and its name in it. Opening one
// refuses what a writer (root above all) must never write through: a final symbolic link, a
// non-regular file, a file with other hard links, and in a sticky world-writable directory
// (/tmp) a name another user owns. Later steps work relative to the directory's descriptor, so
// the directory cannot be swapped under them.
class OutputLocation {
public:
    explicit OutputLocation(const std::filesystem::path& path);

    const std::filesystem::path& path() const { return m_path; }
    const std::string& name() const { return m_name; }
    int directory() const { return m_directory.get(); }
    // A regular file held that name when the location was opened.
    bool exists() const { return m_existing.has_value(); }

    // Creates the file exclusively with `mode`, given to `owner` through the new descriptor;
    // nullopt when another writer created it first.
    std::optional<FileDescriptor> createExclusive(mode_t mode,
                                                  const std::optional<Owner>& owner) const;
    // Writes `text` to a new file beside the target and renames it over the target, so readers
    // never see half a file and a link planted at the name is replaced, never followed.
    void replaceWith(std::string_view text, mode_t mode = kOutputFileMode) const;
    // Removes the name when it still is the file `fd` holds.
    void removeIfSame(int fd) const;

private:
    std::filesystem::path m_path;
    std::filesystem::path m_directoryPath;
    std::string m_name;
    FileDescriptor m_directory;
    std::optional<struct stat> m_existing;
};

// Throws the SystemError a failed write of `path` deserves: "disk full" for ENOSPC and EDQUOT,
// "permission denied: DIR is read-only" when the directory refuses writes, else strerror.
[[noreturn]] void throwWriteError(const std::filesystem::path& path, int error);

} // namespace iolab::files
