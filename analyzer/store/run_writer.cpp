#include "analyzer/store/dimensions_json.h"
#include "analyzer/store/run_identity.h"
#include "analyzer/store/run_rows.h"

#include <string>

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

void insertProfile(Database& db, std::int64_t runId, const StackProfile& profile) {
    Statement frame(db, "INSERT INTO frames (run_id, idx, symbol, module, kind) "
                        "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < profile.frames.size(); ++i) {
        const Frame& f = profile.frames[i];
        frame.bind(runId, static_cast<std::int64_t>(i), f.symbol, f.module, toString(f.kind)).run();
    }
    Statement node(db, "INSERT INTO stack_nodes (run_id, idx, parent, frame) VALUES (?, ?, ?, ?)");
    for (std::size_t i = 0; i < profile.nodes.size(); ++i) {
        const StackNode& n = profile.nodes[i];
        node.bind(runId, static_cast<std::int64_t>(i), n.parent, n.frame).run();
    }
    Statement sample(db, "INSERT INTO samples (run_id, node, event, process, pid, count) "
                         "VALUES (?, ?, ?, ?, ?, ?)");
    for (const auto& s : profile.samples) {
        sample.bind(runId, s.node, s.event, s.process, s.pid, s.count).run();
    }
    Statement edge(db, "INSERT INTO call_edges (run_id, caller, callee, event, count) "
                       "VALUES (?, ?, ?, ?, ?)");
    for (const auto& e : profile.edges) {
        edge.bind(runId, e.caller, e.callee, e.event, e.count).run();
    }
}

void insertLocks(Database& db, std::int64_t runId, const std::vector<LockStat>& locks) {
    Statement lock(db, "INSERT INTO locks (run_id, address, symbol, kind, contentions, "
                       "total_wait_ns, max_wait_ns) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    Statement frame(db, "INSERT INTO lock_frames (lock_id, depth, symbol, module, kind) "
                        "VALUES (?, ?, ?, ?, ?)");
    Statement bucket(db, "INSERT INTO lock_wait_buckets (lock_id, lower, upper, count) "
                         "VALUES (?, ?, ?, ?)");
    for (const auto& l : locks) {
        const std::int64_t lockId = lock.bind(runId, l.address, l.symbol, l.kind, l.contentions,
                                              l.total_wait_ns, l.max_wait_ns)
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
}

void deleteParts(Database& db, std::int64_t runId) {
    for (const char* table :
         {"fio_jobs", "histograms", "frames", "stack_nodes", "samples", "call_edges", "locks",
          "allocations", "clock_reads", "clock_sources", "counters"}) {
        Statement(db, std::string("DELETE FROM ") + table + " WHERE run_id = ?").bind(runId).run();
    }
}

} // namespace iolab::store::rows
