#pragma once

#include "analyzer/model/run_record.h"
#include "analyzer/store/database.h"

#include <cstdint>

// Row-level reads and writes of one run's parts, shared by Store; callers own the transaction.
namespace iolab::store::rows {

std::int64_t insertRun(Database& db, const Run& run);
// Returns how many runs it updated (0: no run has that id).
std::int64_t updateRun(Database& db, const Run& run);
void insertParts(Database& db, std::int64_t runId, const RunRecord& record);
void deleteParts(Database& db, std::int64_t runId);

Run readRun(Statement& row); // from a row of kRunColumns
// The scalar fields of a fio job from a row of kFioJobColumns starting at column `first`.
FioJob readFioJob(Statement& row, int first);
void readRunDetails(Database& db, Run& run);
void readParts(Database& db, std::int64_t runId, RunRecord& record);

inline constexpr const char* kFioJobColumns =
    "job, direction, ios, iops, bandwidth_bytes, runtime_ms, error";
inline constexpr const char* kRunColumns =
    "id, name, series, status, source, command, start_ns, end_ns, vcs_commit, vcs_branch, ci_job, "
    "uuid";

} // namespace iolab::store::rows
