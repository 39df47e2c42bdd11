#include "analyzer/store/run_headlines.h"

#include "analyzer/model/histogram_stats.h"
#include "analyzer/store/database.h"
#include "analyzer/store/schema.h"

#include <vector>

namespace iolab::store {
namespace {

void readIops(Database& db, std::map<std::int64_t, RunHeadline>& headlines) {
    Statement row(db, "SELECT run_id, sum(iops) FROM fio_jobs GROUP BY run_id");
    row.bind();
    while (row.step()) {
        headlines[row.integer(0)].iops = row.real(1);
    }
}

void readFioP99(Database& db, std::map<std::int64_t, RunHeadline>& headlines) {
    Statement row(db, "SELECT j.run_id, max(p.value_ns) FROM fio_percentiles p "
                      "JOIN fio_jobs j ON p.fio_job_id = j.id "
                      "WHERE p.kind = 'clat' AND p.percent = 99.0 GROUP BY j.run_id");
    row.bind();
    while (row.step()) {
        headlines[row.integer(0)].p99_ns = static_cast<double>(row.integer(1));
    }
}

// Devices and operations of one run share the bucket bounds, so the run's distribution is the
// sum of its block.total_ns histograms, bucket by bucket.
void readBlockP99(Database& db, std::map<std::int64_t, RunHeadline>& headlines) {
    Statement row(db, "SELECT h.run_id, b.lower, b.upper, sum(b.count) FROM histograms h "
                      "JOIN histogram_buckets b ON b.histogram_id = h.id "
                      "WHERE h.metric = 'block.total_ns' "
                      "GROUP BY h.run_id, b.lower, b.upper ORDER BY h.run_id, b.lower");
    row.bind();
    std::int64_t run = -1;
    std::vector<HistogramBucket> buckets;
    const auto flush = [&] {
        if (run >= 0 && totalCount(buckets) > 0) {
            RunHeadline& headline = headlines[run];
            headline.p99_ns = percentile(buckets, 99.0);
            headline.p99_from_block = true;
        }
        buckets.clear();
    };
    while (row.step()) {
        if (row.integer(0) != run) {
            flush();
            run = row.integer(0);
        }
        buckets.push_back({static_cast<std::uint64_t>(row.integer(1)),
                           static_cast<std::uint64_t>(row.integer(2)),
                           static_cast<std::uint64_t>(row.integer(3))});
    }
    flush();
}

} // namespace

std::map<std::int64_t, RunHeadline> readRunHeadlines(const std::filesystem::path& path) {
    Database db(path, OpenMode::ReadOnly);
    openSchema(db, OpenMode::ReadOnly);
    Transaction snapshot(db, Transaction::Kind::Read);
    std::map<std::int64_t, RunHeadline> headlines;
    readIops(db, headlines);
    readFioP99(db, headlines);
    readBlockP99(db, headlines);
    return headlines;
}

} // namespace iolab::store
