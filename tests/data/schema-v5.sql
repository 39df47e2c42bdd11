CREATE INDEX allocations_run ON allocations (run_id);
CREATE INDEX call_edges_run ON call_edges (run_id);
CREATE INDEX clock_reads_run ON clock_reads (run_id);
CREATE INDEX counters_run ON counters (run_id, name);
CREATE INDEX fio_clat_buckets_job ON fio_clat_buckets (fio_job_id);
CREATE INDEX fio_jobs_run ON fio_jobs (run_id);
CREATE INDEX histogram_buckets_histogram ON histogram_buckets (histogram_id);
CREATE INDEX histograms_run ON histograms (run_id, metric);
CREATE INDEX lock_wait_buckets_lock ON lock_wait_buckets (lock_id);
CREATE INDEX locks_run ON locks (run_id);
CREATE INDEX run_tags_tag ON run_tags (tag);
CREATE INDEX runs_history ON runs (start_ns, id);
CREATE INDEX runs_name ON runs (name);
CREATE INDEX runs_series ON runs (series);
CREATE UNIQUE INDEX runs_uuid ON runs (uuid);
CREATE INDEX samples_run ON samples (run_id);
CREATE INDEX slow_ios_run ON slow_ios (run_id, rank);
CREATE TABLE allocations (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    site TEXT NOT NULL,
    cache TEXT NOT NULL,
    scope TEXT NOT NULL,
    count INTEGER NOT NULL,
    bytes INTEGER NOT NULL
);
CREATE TABLE call_edges (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    caller INTEGER NOT NULL,
    callee INTEGER NOT NULL,
    event TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE clock_reads (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    process TEXT NOT NULL,
    pid INTEGER NOT NULL,
    clock_id TEXT NOT NULL,
    path TEXT NOT NULL,
    reads INTEGER NOT NULL,
    estimated INTEGER NOT NULL
);
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
CREATE TABLE fio_clat_buckets (
    fio_job_id INTEGER NOT NULL REFERENCES fio_jobs (id) ON DELETE CASCADE,
    lower INTEGER NOT NULL,
    upper INTEGER NOT NULL,
    count INTEGER NOT NULL
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
CREATE TABLE frames (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    module TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('user', 'kernel', 'module')),
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;
CREATE TABLE histogram_buckets (
    histogram_id INTEGER NOT NULL REFERENCES histograms (id) ON DELETE CASCADE,
    lower INTEGER NOT NULL,
    upper INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE histograms (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    metric TEXT NOT NULL,
    dimensions TEXT NOT NULL -- JSON object, keys sorted
);
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
CREATE TABLE locks (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    address INTEGER NOT NULL,
    symbol TEXT NOT NULL,
    kind TEXT NOT NULL,
    contentions INTEGER NOT NULL,
    total_wait_ns INTEGER NOT NULL,
    max_wait_ns INTEGER NOT NULL
, cache TEXT NOT NULL DEFAULT '');
CREATE TABLE run_metadata (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
);
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
, vcs_commit TEXT NOT NULL DEFAULT '', vcs_branch TEXT NOT NULL DEFAULT '', ci_job TEXT NOT NULL DEFAULT '', uuid TEXT);
CREATE TABLE samples (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    node INTEGER NOT NULL,
    event TEXT NOT NULL,
    process TEXT NOT NULL,
    pid INTEGER NOT NULL,
    count INTEGER NOT NULL
);
CREATE TABLE slow_io_frames (
    slow_io_id INTEGER NOT NULL REFERENCES slow_ios (id) ON DELETE CASCADE,
    stack TEXT NOT NULL CHECK (stack IN ('kernel', 'user')),
    depth INTEGER NOT NULL, -- 0 is the outermost frame
    symbol TEXT NOT NULL,
    module TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (slow_io_id, stack, depth)
);
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
CREATE TABLE stack_nodes (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    parent INTEGER NOT NULL, -- -1 for a root
    frame INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
) WITHOUT ROWID;
