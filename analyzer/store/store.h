#pragma once

#include "analyzer/model/run_record.h"
#include "analyzer/store/database.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
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

// Which runs a history holds; an empty field does not filter.
struct RunFilter {
    std::string branch;
    std::string tag;
    std::string host; // the run's `host` metadata
    std::string job;  // the fio job's name

    bool operator==(const RunFilter&) const = default;
};

// The iolab database: the only code that speaks SQL. Every write of a run is one transaction.
class Store {
public:
    explicit Store(const std::filesystem::path& path, OpenMode mode = OpenMode::ReadWrite,
                   const DatabaseOptions& options = {});

    // Writes a whole run (an import) in one transaction; returns its id. The run keeps its
    // identity when it has one (a copy from another database), else gets a new one; a run whose
    // identity is already stored throws DuplicateError.
    std::int64_t writeRun(const RunRecord& record);
    // Writes many whole runs in one transaction (all or none); returns their ids in order.
    std::vector<std::int64_t> writeRuns(std::span<const RunRecord> records);
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
    // The id of the run with this identity (Run::uuid), if the database holds it.
    std::optional<std::int64_t> findRunByUuid(const std::string& uuid);
    // Throws InputError when no run has that id, or its recorder is still recording it.
    void removeRun(std::int64_t id);
    // Removes the runs whose recorder died; returns how many.
    std::int64_t removeAbandonedRuns();

    // The complete and imported runs that pass `filter`, oldest first (start time, then id):
    // each its run (without tags and metadata) and fio jobs (without histograms; with clat
    // percentiles only when `clatPercentiles`), read in a few queries whatever the number of
    // runs.
    std::vector<RunRecord> loadFioHistory(const RunFilter& filter, bool clatPercentiles);

    IntegrityReport check();

    const std::filesystem::path& path() const { return m_db.path(); }

private:
    Database m_db;
};

} // namespace iolab::store
