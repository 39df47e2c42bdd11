#pragma once

#include "analyzer/files/safe_output.h"

#include <filesystem>
#include <optional>
#include <string_view>

namespace iolab::recorder {

// A recording's temporary files (fio's JSON output; a sweep's job files): one directory per
// recording inside one per-user directory, /tmp/iolab-UID (0755, this user's, checked so), named
// after the recorder (pid and start time). A recording removes its own at the end; one whose
// recorder was killed is removed by the next recording (removeAbandonedScratch).
class ScratchDir {
public:
    // `writer`: who writes into it (the workload's user); none: this process. `kind`: "record"
    // (a recording's) or "sweep" (a sweep's, which outlives each of its recordings).
    explicit ScratchDir(const std::optional<files::Owner>& writer,
                        std::string_view kind = "record");
    ~ScratchDir();
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    ScratchDir(ScratchDir&&) = delete;
    ScratchDir& operator=(ScratchDir&&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The per-user directory: /tmp/iolab-UID.
std::filesystem::path scratchRoot();

// Removes the recording directories whose recorder is gone. Every recording calls it first.
void removeAbandonedScratch();

} // namespace iolab::recorder
