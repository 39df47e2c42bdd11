#include "analyzer/store/store.h"

#include "analyzer/errors.h"
#include "analyzer/model/recorder_identity.h"
#include "analyzer/store/run_rows.h"
#include "analyzer/store/schema.h"

#include <charconv>

namespace iolab::store {
namespace {

constexpr std::string_view kLatest = "@latest";

std::optional<std::int64_t> parseId(std::string_view text) {
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, id);
    if (ec != std::errc() || ptr != end || id <= 0) {
        return std::nullopt;
    }
    return id;
}

// Callers hold a read transaction, so the run and its details come from one snapshot.
std::optional<Run> selectOneRun(Database& db, const std::string& where, auto... args) {
    Statement row(db, std::string("SELECT ") + rows::kRunColumns + " FROM runs " + where);
    row.bind(args...);
    if (!row.step()) {
        return std::nullopt;
    }
    Run run = rows::readRun(row);
    rows::readRunDetails(db, run);
    return run;
}

// A server checks its own pages and enforces foreign keys on every write; a file is checked here.
void checkSqliteFile(Database& db, std::vector<std::string>& problems) {
    Statement integrity(db, "PRAGMA integrity_check");
    integrity.bind();
    while (integrity.step()) {
        if (integrity.text(0) != "ok") {
            problems.push_back(integrity.text(0));
        }
    }
    Statement foreignKeys(db, "PRAGMA foreign_key_check");
    foreignKeys.bind();
    while (foreignKeys.step()) {
        problems.push_back("table " + foreignKeys.text(0) + " row " +
                           std::to_string(foreignKeys.integer(1)) + " refers to a missing " +
                           foreignKeys.text(2) + " row");
    }
}

} // namespace

Store::Store(const std::filesystem::path& path, OpenMode mode, const DatabaseOptions& options)
    : m_db(path, mode, options) {
    try {
        openSchema(m_db, mode);
    } catch (...) {
        m_db.discardIfCreated();
        throw;
    }
}

std::int64_t Store::writeRun(const RunRecord& record) {
    return writeRuns(std::span(&record, 1)).front();
}

std::vector<std::int64_t> Store::writeRuns(std::span<const RunRecord> records) {
    Transaction transaction(m_db);
    std::vector<std::int64_t> ids;
    ids.reserve(records.size());
    for (const RunRecord& record : records) {
        ids.push_back(rows::insertRun(m_db, record.run));
        rows::insertParts(m_db, ids.back(), record);
    }
    transaction.commit();
    return ids;
}

std::int64_t Store::beginRecording(const Run& run) {
    Run recording = run;
    recording.status = RunStatus::Recording;
    addTo(currentRecorder(), recording.metadata);
    Transaction transaction(m_db);
    const std::int64_t id = rows::insertRun(m_db, recording);
    transaction.commit();
    return id;
}

void Store::finishRecording(std::int64_t id, const RunRecord& record) {
    Transaction transaction(m_db);
    Run run = record.run;
    run.id = id;
    if (rows::updateRun(m_db, run) == 0) {
        throw InputError(m_db.path().string() + ": no run " + std::to_string(id) + " to finish");
    }
    rows::deleteParts(m_db, id);
    rows::insertParts(m_db, id, record);
    transaction.commit();
}

std::vector<Run> Store::listRuns() {
    Transaction snapshot(m_db, Transaction::Kind::Read);
    std::vector<Run> runs;
    Statement row(m_db, std::string("SELECT ") + rows::kRunColumns + " FROM runs ORDER BY id");
    row.bind();
    while (row.step()) {
        runs.push_back(rows::readRun(row));
    }
    for (Run& run : runs) {
        rows::readRunDetails(m_db, run);
    }
    return runs;
}

std::optional<Run> Store::findRun(std::string_view selector) {
    Transaction snapshot(m_db, Transaction::Kind::Read);
    if (selector == kLatest) {
        return selectOneRun(m_db, "ORDER BY id DESC LIMIT 1");
    }
    if (const auto id = parseId(selector)) {
        if (auto run = selectOneRun(m_db, "WHERE id = ?", *id)) {
            return run;
        }
    }
    return selectOneRun(m_db, "WHERE name = ? ORDER BY id DESC LIMIT 1", selector);
}

Run Store::resolveRun(std::string_view selector) {
    if (auto run = findRun(selector)) {
        return *run;
    }
    throw InputError(m_db.path().string() + ": no run '" + std::string(selector) +
                     "' (give an id, a name or @latest; see iolab list)");
}

RunRecord Store::loadRun(std::int64_t id) {
    Transaction snapshot(m_db, Transaction::Kind::Read);
    RunRecord record;
    auto run = selectOneRun(m_db, "WHERE id = ?", id);
    if (!run) {
        throw InputError(m_db.path().string() + ": no run with id " + std::to_string(id));
    }
    record.run = std::move(*run);
    rows::readParts(m_db, id, record);
    return record;
}

std::optional<std::int64_t> Store::findRunByUuid(const std::string& uuid) {
    Statement row(m_db, "SELECT id FROM runs WHERE uuid = ?");
    row.bind(uuid);
    return row.step() ? std::optional(row.integer(0)) : std::nullopt;
}

void Store::removeRun(std::int64_t id) {
    Transaction transaction(m_db);
    const auto run = selectOneRun(m_db, "WHERE id = ?", id);
    if (!run) {
        throw InputError(m_db.path().string() + ": no run with id " + std::to_string(id));
    }
    if (run->status == RunStatus::Recording) {
        const auto pid = run->metadata.find("record.pid");
        throw InputError(m_db.path().string() + ": run " + std::to_string(id) + " (" + run->name +
                         ") is being recorded" +
                         (pid != run->metadata.end() ? " by pid " + pid->second : "") +
                         "; stop that recording before removing it");
    }
    Statement(m_db, "DELETE FROM runs WHERE id = ?").bind(id).run();
    transaction.commit();
}

std::int64_t Store::removeAbandonedRuns() {
    std::int64_t removed = 0;
    for (const Run& run : listRuns()) {
        if (run.status == RunStatus::Abandoned) {
            removeRun(run.id);
            ++removed;
        }
    }
    return removed;
}

IntegrityReport Store::check() {
    IntegrityReport report;
    report.schema_version = schemaVersion(m_db);
    report.expected_version = kSchemaVersion;
    if (m_db.engine() == Engine::SQLite) {
        checkSqliteFile(m_db, report.problems);
    }
    for (const Run& run : listRuns()) {
        ++report.runs;
        report.recording_runs += run.status == RunStatus::Recording ? 1 : 0;
        report.abandoned_runs += run.status == RunStatus::Abandoned ? 1 : 0;
    }
    return report;
}

} // namespace iolab::store
