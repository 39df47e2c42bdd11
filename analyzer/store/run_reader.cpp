#include "analyzer/model/recorder_identity.h"
#include "analyzer/store/dimensions_json.h"
#include "analyzer/store/run_rows.h"

#include <string>

namespace iolab::store::rows {
namespace {

std::vector<HistogramBucket> readBuckets(Statement& statement, std::int64_t ownerId) {
    std::vector<HistogramBucket> buckets;
    statement.bind(ownerId);
    while (statement.step()) {
        buckets.push_back({static_cast<std::uint64_t>(statement.integer(0)),
                           static_cast<std::uint64_t>(statement.integer(1)),
                           static_cast<std::uint64_t>(statement.integer(2))});
    }
    return buckets;
}

LatencySummary readLatency(Database& db, std::int64_t jobId, const char* kind) {
    LatencySummary summary;
    Statement row(db, "SELECT min_ns, max_ns, mean_ns, stddev_ns FROM fio_latency "
                      "WHERE fio_job_id = ? AND kind = ?");
    row.bind(jobId, kind);
    if (row.step()) {
        summary.min_ns = static_cast<std::uint64_t>(row.integer(0));
        summary.max_ns = static_cast<std::uint64_t>(row.integer(1));
        summary.mean_ns = row.real(2);
        summary.stddev_ns = row.real(3);
    }
    Statement percentile(db, "SELECT percent, value_ns FROM fio_percentiles "
                             "WHERE fio_job_id = ? AND kind = ? ORDER BY percent");
    percentile.bind(jobId, kind);
    while (percentile.step()) {
        summary.percentiles.push_back(
            {percentile.real(0), static_cast<std::uint64_t>(percentile.integer(1))});
    }
    return summary;
}

void readFioJobs(Database& db, std::int64_t runId, std::vector<FioJob>& jobs) {
    Statement row(db, std::string("SELECT id, ") + kFioJobColumns +
                          " FROM fio_jobs WHERE run_id = ? ORDER BY id");
    Statement bucket(db, "SELECT lower, upper, count FROM fio_clat_buckets "
                         "WHERE fio_job_id = ? ORDER BY rowid");
    row.bind(runId);
    while (row.step()) {
        const std::int64_t jobId = row.integer(0);
        FioJob& job = jobs.emplace_back(readFioJob(row, 1));
        job.slat = readLatency(db, jobId, "slat");
        job.clat = readLatency(db, jobId, "clat");
        job.lat = readLatency(db, jobId, "lat");
        job.clat_histogram = readBuckets(bucket, jobId);
    }
}

void readHistograms(Database& db, std::int64_t runId, std::vector<Histogram>& histograms) {
    Statement row(db, "SELECT id, metric, dimensions FROM histograms WHERE run_id = ? ORDER BY id");
    Statement bucket(db, "SELECT lower, upper, count FROM histogram_buckets "
                         "WHERE histogram_id = ? ORDER BY rowid");
    row.bind(runId);
    while (row.step()) {
        histograms.push_back(
            {row.text(1), dimensionsFromJson(row.text(2)), readBuckets(bucket, row.integer(0))});
    }
}

void readProfile(Database& db, std::int64_t runId, StackProfile& profile) {
    Statement frame(db, "SELECT symbol, module, kind FROM frames WHERE run_id = ? ORDER BY idx");
    frame.bind(runId);
    while (frame.step()) {
        profile.frames.push_back(
            {frame.text(0), frame.text(1), frameKindFromString(frame.text(2))});
    }
    Statement node(db, "SELECT parent, frame FROM stack_nodes WHERE run_id = ? ORDER BY idx");
    node.bind(runId);
    while (node.step()) {
        profile.nodes.push_back({node.integer(0), node.integer(1)});
    }
    Statement sample(db, "SELECT node, event, process, pid, count FROM samples "
                         "WHERE run_id = ? ORDER BY rowid");
    sample.bind(runId);
    while (sample.step()) {
        profile.samples.push_back({sample.integer(0), sample.text(1), sample.text(2),
                                   sample.integer(3),
                                   static_cast<std::uint64_t>(sample.integer(4))});
    }
    Statement edge(db, "SELECT caller, callee, event, count FROM call_edges "
                       "WHERE run_id = ? ORDER BY rowid");
    edge.bind(runId);
    while (edge.step()) {
        profile.edges.push_back({edge.integer(0), edge.integer(1), edge.text(2),
                                 static_cast<std::uint64_t>(edge.integer(3))});
    }
}

void readLocks(Database& db, std::int64_t runId, std::vector<LockStat>& locks) {
    Statement row(db, "SELECT id, address, symbol, kind, contentions, total_wait_ns, max_wait_ns, "
                      "cache FROM locks WHERE run_id = ? ORDER BY id");
    Statement frame(db, "SELECT symbol, module, kind FROM lock_frames WHERE lock_id = ? "
                        "ORDER BY depth");
    Statement bucket(db, "SELECT lower, upper, count FROM lock_wait_buckets "
                         "WHERE lock_id = ? ORDER BY rowid");
    row.bind(runId);
    while (row.step()) {
        const std::int64_t lockId = row.integer(0);
        LockStat& lock = locks.emplace_back();
        lock.address = static_cast<std::uint64_t>(row.integer(1));
        lock.symbol = row.text(2);
        lock.kind = row.text(3);
        lock.contentions = static_cast<std::uint64_t>(row.integer(4));
        lock.total_wait_ns = static_cast<std::uint64_t>(row.integer(5));
        lock.max_wait_ns = static_cast<std::uint64_t>(row.integer(6));
        lock.cache = row.text(7);
        frame.bind(lockId);
        while (frame.step()) {
            lock.stack.push_back(
                {frame.text(0), frame.text(1), frameKindFromString(frame.text(2))});
        }
        lock.wait_histogram = readBuckets(bucket, lockId);
    }
}

std::optional<std::uint64_t> phaseOf(std::int64_t column) {
    return column < 0 ? std::nullopt : std::optional(static_cast<std::uint64_t>(column));
}

void readSlowIos(Database& db, std::int64_t runId, std::vector<SlowIo>& ios) {
    Statement row(db, "SELECT id, device, operation, sector, bytes, queued_ns, q2c_ns, q2g_ns, "
                      "g2i_ns, i2d_ns, d2c_ns, pid, process FROM slow_ios WHERE run_id = ? "
                      "ORDER BY rank");
    Statement frame(db, "SELECT stack, symbol, module, kind FROM slow_io_frames "
                        "WHERE slow_io_id = ? ORDER BY stack, depth");
    row.bind(runId);
    while (row.step()) {
        SlowIo& io = ios.emplace_back();
        io.device = row.text(1);
        io.operation = row.text(2);
        io.sector = static_cast<std::uint64_t>(row.integer(3));
        io.bytes = static_cast<std::uint64_t>(row.integer(4));
        io.queued_ns = static_cast<std::uint64_t>(row.integer(5));
        io.q2c_ns = static_cast<std::uint64_t>(row.integer(6));
        io.q2g_ns = phaseOf(row.integer(7));
        io.g2i_ns = phaseOf(row.integer(8));
        io.i2d_ns = phaseOf(row.integer(9));
        io.d2c_ns = phaseOf(row.integer(10));
        io.pid = row.integer(11);
        io.process = row.text(12);
        frame.bind(row.integer(0));
        while (frame.step()) {
            auto& stack = frame.text(0) == "kernel" ? io.kernel_stack : io.user_stack;
            stack.push_back({frame.text(1), frame.text(2), frameKindFromString(frame.text(3))});
        }
    }
}

void readCosts(Database& db, std::int64_t runId, RunRecord& record) {
    Statement allocation(db, "SELECT kind, site, cache, scope, count, bytes FROM allocations "
                             "WHERE run_id = ? ORDER BY rowid");
    allocation.bind(runId);
    while (allocation.step()) {
        record.allocations.push_back({allocation.text(0), allocation.text(1), allocation.text(2),
                                      allocation.text(3),
                                      static_cast<std::uint64_t>(allocation.integer(4)),
                                      static_cast<std::uint64_t>(allocation.integer(5))});
    }
    Statement clock(db, "SELECT process, pid, clock_id, path, reads, estimated FROM clock_reads "
                        "WHERE run_id = ? ORDER BY rowid");
    clock.bind(runId);
    while (clock.step()) {
        record.clocks.push_back({clock.text(0), clock.integer(1), clock.text(2), clock.text(3),
                                 static_cast<std::uint64_t>(clock.integer(4)),
                                 clock.integer(5) != 0});
    }
    Statement source(db, "SELECT clocksource, vdso_ns, syscall_ns, current FROM clock_sources "
                         "WHERE run_id = ? ORDER BY rowid");
    source.bind(runId);
    while (source.step()) {
        record.clock_sources.push_back(
            {source.text(0), source.real(1), source.real(2), source.integer(3) != 0});
    }
    Statement counter(db, "SELECT name, dimensions, value, estimated FROM counters "
                          "WHERE run_id = ? ORDER BY rowid");
    counter.bind(runId);
    while (counter.step()) {
        record.counters.push_back({counter.text(0), dimensionsFromJson(counter.text(1)),
                                   counter.real(2), counter.integer(3) != 0});
    }
}

} // namespace

FioJob readFioJob(Statement& row, int first) {
    FioJob job;
    job.job = row.text(first);
    job.direction = row.text(first + 1);
    job.ios = static_cast<std::uint64_t>(row.integer(first + 2));
    job.iops = row.real(first + 3);
    job.bandwidth_bytes = static_cast<std::uint64_t>(row.integer(first + 4));
    job.runtime_ms = static_cast<std::uint64_t>(row.integer(first + 5));
    job.error = static_cast<int>(row.integer(first + 6));
    return job;
}

Run readRun(Statement& row) {
    Run run;
    run.id = row.integer(0);
    run.name = row.text(1);
    run.series = row.text(2);
    run.status = runStatusFromString(row.text(3));
    run.source = row.text(4);
    run.command = row.text(5);
    run.start_ns = row.integer(6);
    run.end_ns = row.integer(7);
    run.provenance = {row.text(8), row.text(9), row.text(10)};
    run.uuid = row.text(11);
    return run;
}

void readRunDetails(Database& db, Run& run) {
    Statement tag(db, "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY position");
    tag.bind(run.id);
    while (tag.step()) {
        run.tags.push_back(tag.text(0));
    }
    Statement metadata(db, "SELECT key, value FROM run_metadata WHERE run_id = ?");
    metadata.bind(run.id);
    while (metadata.step()) {
        run.metadata.emplace(metadata.text(0), metadata.text(1));
    }
    if (recorderGone(run)) {
        run.status = RunStatus::Abandoned;
    }
}

void readParts(Database& db, std::int64_t runId, RunRecord& record) {
    readFioJobs(db, runId, record.fio_jobs);
    readHistograms(db, runId, record.histograms);
    readProfile(db, runId, record.profile);
    readLocks(db, runId, record.locks);
    readCosts(db, runId, record);
    readSlowIos(db, runId, record.slow_ios);
}

} // namespace iolab::store::rows
