#include "analyzer/store/dimensions_json.h"
#include "analyzer/store/run_identity.h"
#include "analyzer/store/run_rows.h"

#include <array>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace iolab::store::rows {
namespace {

void insertBuckets(Statement& statement, std::int64_t ownerId,
                   const std::vector<HistogramBucket>& buckets) {
    for (const auto& bucket : buckets) {
        statement.bind(ownerId, bucket.lower, bucket.upper, bucket.count).run();
    }
}

void insertRunDetails(Database& db, const Run& run) {
    Statement tag(db, "INSERT INTO run_tags (run_id, position, tag) VALUES (?, ?, ?)");
    for (std::size_t i = 0; i < run.tags.size(); ++i) {
        tag.bind(run.id, static_cast<std::int64_t>(i), run.tags[i]).run();
    }
    Statement metadata(db, "INSERT INTO run_metadata (run_id, key, value) VALUES (?, ?, ?)");
    for (const auto& [key, value] : run.metadata) {
        metadata.bind(run.id, key, value).run();
    }
}

void deleteRunDetails(Database& db, std::int64_t runId) {
    Statement(db, "DELETE FROM run_tags WHERE run_id = ?").bind(runId).run();
    Statement(db, "DELETE FROM run_metadata WHERE run_id = ?").bind(runId).run();
}

void insertLatency(Database& db, std::int64_t jobId, const char* kind,
                   const LatencySummary& summary) {
    Statement(db, "INSERT INTO fio_latency (fio_job_id, kind, min_ns, max_ns, mean_ns, stddev_ns) "
                  "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(jobId, kind, summary.min_ns, summary.max_ns, summary.mean_ns, summary.stddev_ns)
        .run();
    Statement percentile(db, "INSERT INTO fio_percentiles (fio_job_id, kind, percent, value_ns) "
                             "VALUES (?, ?, ?, ?)");
    for (const auto& p : summary.percentiles) {
        percentile.bind(jobId, kind, p.percent, p.value_ns).run();
    }
}

void insertFioJobs(Database& db, std::int64_t runId, const std::vector<FioJob>& jobs) {
    Statement job(db, "INSERT INTO fio_jobs (run_id, job, direction, ios, iops, bandwidth_bytes, "
                      "runtime_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    Statement bucket(db, "INSERT INTO fio_clat_buckets (fio_job_id, lower, upper, count) "
                         "VALUES (?, ?, ?, ?)");
    for (const auto& fio : jobs) {
        const std::int64_t jobId = job.bind(runId, fio.job, fio.direction, fio.ios, fio.iops,
                                            fio.bandwidth_bytes, fio.runtime_ms, fio.error)
                                       .runReturningId();
        insertLatency(db, jobId, "slat", fio.slat);
        insertLatency(db, jobId, "clat", fio.clat);
        insertLatency(db, jobId, "lat", fio.lat);
        insertBuckets(bucket, jobId, fio.clat_histogram);
    }
}

void insertHistograms(Database& db, std::int64_t runId, const std::vector<Histogram>& histograms) {
    Statement histogram(db, "INSERT INTO histograms (run_id, metric, dimensions) VALUES (?, ?, ?) "
                            "RETURNING id");
    Statement bucket(db, "INSERT INTO histogram_buckets (histogram_id, lower, upper, count) "
                         "VALUES (?, ?, ?, ?)");
    for (const auto& h : histograms) {
        insertBuckets(
            bucket,
            histogram.bind(runId, h.metric, dimensionsToJson(h.dimensions)).runReturningId(),
            h.buckets);
    }
}

// The rows of a profile are written kRowsPerInsert per statement: a profile of many distinct
// stacks has millions of stack nodes, and one statement per row spent more than half of its CPU
// time in SQLite's per-statement work (2.2 M nodes: 6.0 s of CPU one per statement, 2.4 s fifty
// per statement; bench/import_wide_folded.sh).
constexpr std::size_t kRowsPerInsert = 50;

// Binds the values of kRowsPerInsert rows (each a tuple) to `statement` and runs it.
template <typename Row>
void runRows(Statement& statement, const std::array<Row, kRowsPerInsert>& rows) {
    constexpr std::size_t kColumns = std::tuple_size_v<Row>;
    [&]<std::size_t... Value>(std::index_sequence<Value...>) {
        statement.bind(std::get<Value % kColumns>(rows[Value / kColumns])...).run();
    }
    (std::make_index_sequence<kRowsPerInsert * kColumns>{});
}

// Inserts `count` rows, row(i) giving the values of row i as a tuple, after `insert`
// ("INSERT INTO table (columns) VALUES ").
template <typename RowAt>
void insertRows(Database& db, std::string_view insert, std::size_t count, RowAt row) {
    using Row = decltype(row(std::size_t{0}));
    std::string placeholders = "(?";
    for (std::size_t column = 1; column < std::tuple_size_v<Row>; ++column) {
        placeholders += ", ?";
    }
    placeholders += ")";
    std::string manyRows(insert);
    for (std::size_t i = 0; i < kRowsPerInsert; ++i) {
        manyRows.append(i == 0 ? "" : ", ").append(placeholders);
    }
    Statement many(db, manyRows);
    std::array<Row, kRowsPerInsert> rows;
    std::size_t i = 0;
    for (; i + kRowsPerInsert <= count; i += kRowsPerInsert) {
        for (std::size_t r = 0; r < kRowsPerInsert; ++r) {
            rows[r] = row(i + r);
        }
        runRows(many, rows);
    }
    Statement one(db, std::string(insert).append(placeholders));
    for (; i < count; ++i) {
        std::apply([&one](const auto&... value) { one.bind(value...).run(); }, row(i));
    }
}

void insertProfile(Database& db, std::int64_t runId, const StackProfile& profile) {
    Statement frame(db, "INSERT INTO frames (run_id, idx, symbol, module, kind) "
                        "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < profile.frames.size(); ++i) {
        const Frame& f = profile.frames[i];
        frame.bind(runId, static_cast<std::int64_t>(i), f.symbol, f.module, toString(f.kind)).run();
    }
    insertRows(db, "INSERT INTO stack_nodes (run_id, idx, parent, frame) VALUES ",
               profile.nodes.size(), [&](std::size_t i) {
                   const StackNode& n = profile.nodes[i];
                   return std::tuple{runId, static_cast<std::int64_t>(i), n.parent, n.frame};
               });
    insertRows(db, "INSERT INTO samples (run_id, node, event, process, pid, count) VALUES ",
               profile.samples.size(), [&](std::size_t i) {
                   const Sample& s = profile.samples[i];
                   return std::tuple{
                       runId, s.node, std::string_view(s.event), std::string_view(s.process),
                       s.pid, s.count};
               });
    Statement edge(db, "INSERT INTO call_edges (run_id, caller, callee, event, count) "
                       "VALUES (?, ?, ?, ?, ?)");
    for (const auto& e : profile.edges) {
        edge.bind(runId, e.caller, e.callee, e.event, e.count).run();
    }
}

void insertLocks(Database& db, std::int64_t runId, const std::vector<LockStat>& locks) {
    Statement lock(db, "INSERT INTO locks (run_id, address, symbol, kind, contentions, "
                       "total_wait_ns, max_wait_ns, cache) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id");
    Statement frame(db, "INSERT INTO lock_frames (lock_id, depth, symbol, module, kind) "
                        "VALUES (?, ?, ?, ?, ?)");
    Statement bucket(db, "INSERT INTO lock_wait_buckets (lock_id, lower, upper, count) "
                         "VALUES (?, ?, ?, ?)");
    for (const auto& l : locks) {
        const std::int64_t lockId = lock.bind(runId, l.address, l.symbol, l.kind, l.contentions,
                                              l.total_wait_ns, l.max_wait_ns, l.cache)
                                        .runReturningId();
        for (std::size_t depth = 0; depth < l.stack.size(); ++depth) {
            const Frame& f = l.stack[depth];
            frame
                .bind(lockId, static_cast<std::int64_t>(depth), f.symbol, f.module,
                      toString(f.kind))
                .run();
        }
        insertBuckets(bucket, lockId, l.wait_histogram);
    }
}

// A phase not seen is stored as -1.
std::int64_t phaseColumn(const std::optional<std::uint64_t>& phase) {
    return phase ? static_cast<std::int64_t>(*phase) : -1;
}

void insertSlowIos(Database& db, std::int64_t runId, const std::vector<SlowIo>& ios) {
    Statement io(db, "INSERT INTO slow_ios (run_id, rank, device, operation, sector, bytes, "
                     "queued_ns, q2c_ns, q2g_ns, g2i_ns, i2d_ns, d2c_ns, pid, process) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    Statement frame(db, "INSERT INTO slow_io_frames (slow_io_id, stack, depth, symbol, module, "
                        "kind) VALUES (?, ?, ?, ?, ?, ?)");
    for (std::size_t rank = 0; rank < ios.size(); ++rank) {
        const SlowIo& s = ios[rank];
        const std::int64_t ioId =
            io.bind(runId, static_cast<std::int64_t>(rank), s.device, s.operation, s.sector,
                    s.bytes, s.queued_ns, s.q2c_ns, phaseColumn(s.q2g_ns), phaseColumn(s.g2i_ns),
                    phaseColumn(s.i2d_ns), phaseColumn(s.d2c_ns), s.pid, s.process)
                .runReturningId();
        for (const auto& [name, stack] :
             {std::pair{"kernel", &s.kernel_stack}, std::pair{"user", &s.user_stack}}) {
            for (std::size_t depth = 0; depth < stack->size(); ++depth) {
                const Frame& f = (*stack)[depth];
                frame
                    .bind(ioId, name, static_cast<std::int64_t>(depth), f.symbol, f.module,
                          toString(f.kind))
                    .run();
            }
        }
    }
}

void insertCosts(Database& db, std::int64_t runId, const RunRecord& record) {
    Statement allocation(db, "INSERT INTO allocations (run_id, kind, site, cache, scope, count, "
                             "bytes) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& a : record.allocations) {
        allocation.bind(runId, a.kind, a.site, a.cache, a.scope, a.count, a.bytes).run();
    }
    Statement clock(db, "INSERT INTO clock_reads (run_id, process, pid, clock_id, path, reads, "
                        "estimated) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& c : record.clocks) {
        clock.bind(runId, c.process, c.pid, c.clock_id, c.path, c.reads, c.estimated).run();
    }
    Statement source(db, "INSERT INTO clock_sources (run_id, clocksource, vdso_ns, syscall_ns, "
                         "current) VALUES (?, ?, ?, ?, ?)");
    for (const auto& s : record.clock_sources) {
        source.bind(runId, s.clocksource, s.vdso_ns, s.syscall_ns, s.current).run();
    }
    Statement counter(db, "INSERT INTO counters (run_id, name, dimensions, value, estimated) "
                          "VALUES (?, ?, ?, ?, ?)");
    for (const auto& c : record.counters) {
        counter.bind(runId, c.name, dimensionsToJson(c.dimensions), c.value, c.estimated).run();
    }
}

} // namespace

std::int64_t insertRun(Database& db, const Run& run) {
    Run stored = run;
    if (stored.uuid.empty()) {
        stored.uuid = newRunUuid();
    }
    stored.id = Statement(db, "INSERT INTO runs (name, series, status, source, command, start_ns, "
                              "end_ns, vcs_commit, vcs_branch, ci_job, uuid) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .bind(stored.name, stored.series, toString(stored.status), stored.source,
                          stored.command, stored.start_ns, stored.end_ns, stored.provenance.commit,
                          stored.provenance.branch, stored.provenance.ci_job, stored.uuid)
                    .runReturningId();
    insertRunDetails(db, stored);
    return stored.id;
}

std::int64_t updateRun(Database& db, const Run& run) {
    // The run keeps the identity it was given when its recording began.
    const std::int64_t updated =
        Statement(db, "UPDATE runs SET name = ?, series = ?, status = ?, source = ?, command = ?, "
                      "start_ns = ?, end_ns = ?, vcs_commit = ?, vcs_branch = ?, ci_job = ? "
                      "WHERE id = ?")
            .bind(run.name, run.series, toString(run.status), run.source, run.command, run.start_ns,
                  run.end_ns, run.provenance.commit, run.provenance.branch, run.provenance.ci_job,
                  run.id)
            .runCountingChanges();
    deleteRunDetails(db, run.id);
    insertRunDetails(db, run);
    return updated;
}

void insertParts(Database& db, std::int64_t runId, const RunRecord& record) {
    insertFioJobs(db, runId, record.fio_jobs);
    insertHistograms(db, runId, record.histograms);
    insertProfile(db, runId, record.profile);
    insertLocks(db, runId, record.locks);
    insertCosts(db, runId, record);
    insertSlowIos(db, runId, record.slow_ios);
}

void deleteParts(Database& db, std::int64_t runId) {
    for (const char* table :
         {"fio_jobs", "histograms", "frames", "stack_nodes", "samples", "call_edges", "locks",
          "allocations", "clock_reads", "clock_sources", "counters", "slow_ios"}) {
        Statement(db, std::string("DELETE FROM ") + table + " WHERE run_id = ?").bind(runId).run();
    }
}

} // namespace iolab::store::rows
