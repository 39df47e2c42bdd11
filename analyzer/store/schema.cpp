#include "analyzer/store/schema.h"

#include "analyzer/errors.h"
#include "analyzer/store/run_identity.h"
#include "analyzer/store/schema_dialect.h"

#include <array>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace iolab::store {
namespace {

// Migration N takes a file from user_version N to N + 1. Never edit a released migration:
// append a new one and bump kSchemaVersion.
constexpr std::array<const char*, kSchemaVersion> kMigrations{R"sql(
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    series TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
        CHECK (status IN ('recording', 'complete', 'interrupted', 'failed', 'imported')),
    source TEXT NOT NULL DEFAULT '',
    command TEXT NOT NULL DEFAULT '',
    start_ns INTEGER NOT NULL DEFAULT 0,
    end_ns INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_name ON runs (name);
CREATE INDEX runs_series ON runs (series);

CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX run_tags_tag ON run_tags (tag);

CREATE TABLE run_metadata (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);

CREATE TABLE fio_jobs (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    job TEXT NOT NULL,
    direction TEXT NOT NULL,
    ios INTEGER NOT NULL,
    iops REAL NOT NULL,
    bandwidth_bytes INTEGER NOT NULL,
    runtime_ms INTEGER NOT NULL,
    error INTEGER NOT NULL
);
CREATE INDEX fio_jobs_run ON fio_jobs (run_id);

CREATE TABLE fio_latency (
    fio_job_id INTEGER NOT NULL REFERENCES fio_jobs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('slat', 'clat', 'lat')),
    min_ns INTEGER NOT NULL,
    max_ns INTEGER NOT NULL,
    mean_ns REAL NOT NULL,
    stddev_ns REAL NOT NULL,
    PRIMARY KEY (fio_job_id, kind)
);

CREATE TABLE fio_percentiles (
    fio_job_id INTEGER NOT NULL REFERENCES fio_jobs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    percent REAL NOT NULL,
    value_ns INTEGER NOT NULL,
    PRIMARY KEY (fio_job_id, kind, percent)
);

CREATE TABLE fio_clat_buckets (
    fio_job_id INTEGER NOT NULL REFERENCES fio_jobs (id) ON DELETE CASCADE,
    lower INTEGER NOT NULL,
    upper INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX fio_clat_buckets_job ON fio_clat_buckets (fio_job_id);

CREATE TABLE histograms (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    dimensions TEXT NOT NULL -- JSON object, keys sorted
);
CREATE INDEX histograms_run ON histograms (run_id, metric);

CREATE TABLE histogram_buckets (
    histogram_id INTEGER NOT NULL REFERENCES histograms (id) ON DELETE CASCADE,
    lower INTEGER NOT NULL,
    upper INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX histogram_buckets_histogram ON histogram_buckets (histogram_id);

CREATE TABLE frames (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    module TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'kernel', 'module')),
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;

CREATE TABLE stack_nodes (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    parent INTEGER NOT NULL, -- -1 for a root
    frame INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;

CREATE TABLE samples (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node INTEGER NOT NULL,
    event TEXT NOT NULL,
    process TEXT NOT NULL,
    pid INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX samples_run ON samples (run_id);

CREATE TABLE call_edges (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    caller INTEGER NOT NULL,
    callee INTEGER NOT NULL,
    event TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX call_edges_run ON call_edges (run_id);

CREATE TABLE locks (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    address INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    kind TEXT NOT NULL,
    contentions INTEGER NOT NULL,
    total_wait_ns INTEGER NOT NULL,
    max_wait_ns INTEGER NOT NULL
);
CREATE INDEX locks_run ON locks (run_id);

CREATE TABLE lock_frames (
    lock_id INTEGER NOT NULL REFERENCES locks (id) ON DELETE CASCADE,
    depth INTEGER NOT NULL, -- 0 is the outermost frame
    symbol TEXT NOT NULL,
    module TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (lock_id, depth)
);

CREATE TABLE lock_wait_buckets (
    lock_id INTEGER NOT NULL REFERENCES locks (id) ON DELETE CASCADE,
    lower INTEGER NOT NULL,
    upper INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX lock_wait_buckets_lock ON lock_wait_buckets (lock_id);

CREATE TABLE allocations (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    site TEXT NOT NULL,
    cache TEXT NOT NULL,
    scope TEXT NOT NULL,
    count INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE INDEX allocations_run ON allocations (run_id);

CREATE TABLE clock_reads (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    process TEXT NOT NULL,
    pid INTEGER NOT NULL,
    clock_id TEXT NOT NULL,
    path TEXT NOT NULL,
    reads INTEGER NOT NULL,
    estimated INTEGER NOT NULL
);
CREATE INDEX clock_reads_run ON clock_reads (run_id);

CREATE TABLE clock_sources (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    clocksource TEXT NOT NULL,
    vdso_ns REAL NOT NULL,
    syscall_ns REAL NOT NULL,
    current INTEGER NOT NULL,
    PRIMARY KEY (run_id, clocksource)
);

CREATE TABLE counters (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    dimensions TEXT NOT NULL, -- JSON object, keys sorted
    value REAL NOT NULL,
    estimated INTEGER NOT NULL
);
CREATE INDEX counters_run ON counters (run_id, name);
)sql",
                                                              R"sql(
-- 2: provenance, for histories over commits
ALTER TABLE runs ADD COLUMN vcs_commit TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN vcs_branch TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN ci_job TEXT NOT NULL DEFAULT '';
CREATE INDEX runs_history ON runs (start_ns, id);
)sql",
                                                              R"sql(
-- 3: the slowest IOs of a run, with their phases (-1: not seen) and the submitter's stacks
CREATE TABLE slow_ios (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL, -- 0 is the slowest
    device TEXT NOT NULL,
    operation TEXT NOT NULL,
    sector INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    queued_ns INTEGER NOT NULL,
    q2c_ns INTEGER NOT NULL,
    q2g_ns INTEGER NOT NULL,
    g2i_ns INTEGER NOT NULL,
    i2d_ns INTEGER NOT NULL,
    d2c_ns INTEGER NOT NULL,
    pid INTEGER NOT NULL,
    process TEXT NOT NULL
);
CREATE INDEX slow_ios_run ON slow_ios (run_id, rank);

CREATE TABLE slow_io_frames (
    slow_io_id INTEGER NOT NULL REFERENCES slow_ios (id) ON DELETE CASCADE,
    stack TEXT NOT NULL CHECK (stack IN ('kernel', 'user')),
    depth INTEGER NOT NULL, -- 0 is the outermost frame
    symbol TEXT NOT NULL,
    module TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (slow_io_id, stack, depth)
);
)sql",
                                                              R"sql(
-- 4: the slab cache of the object holding a contended lock
ALTER TABLE locks ADD COLUMN cache TEXT NOT NULL DEFAULT '';
)sql",
                                                              R"sql(
-- 5: a stable run identity, so push and pull copy a run once (existing runs get theirs from
-- assignRunUuids after the migrations)
ALTER TABLE runs ADD COLUMN uuid TEXT;
CREATE UNIQUE INDEX runs_uuid ON runs (uuid);
)sql"};

// What an open database says about itself.
struct Identity {
    bool empty = false; // no tables at all: a new database
    std::int64_t application_id = 0;
    int version = 0;
};

std::int64_t readInteger(Database& db, const std::string& sql) {
    Statement statement(db, sql);
    statement.bind();
    return statement.step() ? statement.integer(0) : 0;
}

Identity readIdentity(Database& db) {
    if (db.engine() == Engine::SQLite) {
        // Tables first, then the id: two autocommit reads are two snapshots, and a writer
        // creating the file commits both at once, so whoever sees its tables sees its id too.
        const bool empty = readInteger(db, "SELECT count(*) FROM sqlite_master") == 0;
        return {empty, readInteger(db, "PRAGMA application_id"),
                static_cast<int>(readInteger(db, "PRAGMA user_version"))};
    }
    const bool empty = readInteger(db, "SELECT count(*) FROM pg_catalog.pg_tables "
                                       "WHERE schemaname = current_schema()") == 0;
    if (readInteger(db,
                    "SELECT count(*) FROM pg_catalog.pg_tables "
                    "WHERE schemaname = current_schema() AND tablename = 'iolab_schema'") == 0) {
        return {empty, 0, 0};
    }
    Statement row(db, "SELECT application_id, version FROM iolab_schema");
    row.bind();
    if (!row.step()) {
        return {empty, 0, 0};
    }
    return {empty, row.integer(0), static_cast<int>(row.integer(1))};
}

// Refuses a foreign or newer database; returns its schema version (0 for a new, empty one).
int checkIdentity(Database& db) {
    const std::string name = db.path().string();
    const Identity identity = readIdentity(db);
    const bool fresh = identity.application_id == 0 && identity.empty;
    if (!fresh && identity.application_id != kApplicationId) {
        throw InputError(name + ": not an iolab database (application_id " +
                         std::to_string(identity.application_id) + ")");
    }
    if (identity.version > kSchemaVersion) {
        throw InputError(name + ": database schema version " + std::to_string(identity.version) +
                         " is newer than this iolab understands (" +
                         std::to_string(kSchemaVersion) + "); upgrade iolab");
    }
    return identity.version;
}

void markCreated(Database& db) {
    if (db.engine() == Engine::SQLite) {
        db.execute("PRAGMA application_id = " + std::to_string(kApplicationId));
        return;
    }
    db.execute("CREATE TABLE iolab_schema (application_id BIGINT NOT NULL, version BIGINT NOT "
               "NULL); INSERT INTO iolab_schema VALUES (" +
               std::to_string(kApplicationId) + ", 0)");
}

void setVersion(Database& db, int version) {
    db.execute(db.engine() == Engine::SQLite
                   ? "PRAGMA user_version = " + std::to_string(version)
                   : "UPDATE iolab_schema SET version = " + std::to_string(version));
}

// Gives every run without one (runs written before run identities) its identity.
void assignRunUuids(Database& db) {
    std::vector<std::int64_t> ids;
    Statement missing(db, "SELECT id FROM runs WHERE uuid IS NULL");
    missing.bind();
    while (missing.step()) {
        ids.push_back(missing.integer(0));
    }
    Statement assign(db, "UPDATE runs SET uuid = ? WHERE id = ?");
    for (const std::int64_t id : ids) {
        assign.bind(newRunUuid(), id).run();
    }
}

void openSchemaOnce(Database& db, OpenMode mode) {
    const bool sqlite = db.engine() == Engine::SQLite;
    const int version = checkIdentity(db);
    if (mode == OpenMode::ReadOnly) {
        if (version < kSchemaVersion) {
            throw InputError(db.path().string() + ": database schema version " +
                             std::to_string(version) + " is older than " +
                             std::to_string(kSchemaVersion) +
                             "; open it once read-write (iolab db check) to upgrade");
        }
        if (sqlite) {
            db.execute("PRAGMA foreign_keys = ON");
        }
        return;
    }
    if (sqlite) {
        db.execute("PRAGMA journal_mode = WAL");
        db.execute("PRAGMA foreign_keys = ON");
    }
    if (version == kSchemaVersion) {
        return;
    }
    // One writer creates or upgrades the database; another that waited finds the work done.
    Transaction transaction(db);
    if (!sqlite) {
        readInteger(db, "SELECT pg_advisory_xact_lock(" + std::to_string(kApplicationId) + ")");
    }
    const int current = checkIdentity(db);
    if (current == 0) {
        markCreated(db);
    }
    for (int step = current; step < kSchemaVersion; ++step) {
        const std::string migration = kMigrations.at(static_cast<std::size_t>(step));
        db.execute(sqlite ? migration : postgresDdl(migration));
        setVersion(db, step + 1);
    }
    assignRunUuids(db);
    transaction.commit();
}

} // namespace

int schemaVersion(Database& db) {
    return readIdentity(db).version;
}

void openSchema(Database& db, OpenMode mode) {
    // SQLite's busy handler does not cover every lock (switching to WAL while another
    // connection creates the file): such a step is retried until the same bounded wait ends.
    const auto deadline = std::chrono::steady_clock::now() + db.busyTimeout();
    for (;;) {
        try {
            openSchemaOnce(db, mode);
            return;
        } catch (const BusyError&) {
            if (std::chrono::steady_clock::now() >= deadline) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

} // namespace iolab::store
