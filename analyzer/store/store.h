#pragma once

#include "analyzer/model/run_record.h"
#include "analyzer/store/database.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iolab::store {

struct IntegrityReport {
    int schema_version = 0;
    int expected_version = 0;
    std::vector<std::string> problems; // empty when the file is sound
    std::int64_t runs = 0;
    std::int64_t recording_runs = 0; // being recorded now
    std::int64_t abandoned_runs = 0; // left `recording` by a recorder that died
};

// The iolab database: the only code that speaks SQL. Every write of a run is one transaction.
class Store {
public:
    explicit Store(const std::filesystem::path& path, OpenMode mode = OpenMode::ReadWrite,
                   const DatabaseOptions& options = {});

    // Writes a whole run (an import) in one transaction; returns its id.
    std::int64_t writeRun(const RunRecord& record);
    // Writes the run alone, status `recording`, with this process as its recorder, so a killed
    // recorder leaves a visible trace that reads as `abandoned` once it is gone.
    std::int64_t beginRecording(const Run& run);
    // Replaces the recording run `id` with `record` (its final status included), in one
    // transaction.
    void finishRecording(std::int64_t id, const RunRecord& record);

    std::vector<Run> listRuns();
    // A RUN selector: an id, a name (the newest run of that name) or @latest.
    std::optional<Run> findRun(std::string_view selector);
    // Like findRun, but throws InputError naming the selector when nothing matches.
    Run resolveRun(std::string_view selector);
    RunRecord loadRun(std::int64_t id);
    // Throws InputError when no run has that id, or its recorder is still recording it.
    void removeRun(std::int64_t id);
    // Removes the runs whose recorder died; returns how many.
    std::int64_t removeAbandonedRuns();

    IntegrityReport check();

    const std::filesystem::path& path() const { return m_db.path(); }

private:
    Database m_db;
};

} // namespace iolab::store
