#include "analyzer/store/run_rows.h"
#include "analyzer/store/store.h"

#include <string>
#include <unordered_map>

namespace iolab::store {
namespace {

// The runs a history holds; binds ?1 branch, ?2 tag, ?3 host.
constexpr const char* kHistoryRuns =
    "FROM runs WHERE status IN ('complete', 'imported') "
    "AND (?1 = '' OR vcs_branch = ?1) "
    "AND (?2 = '' OR EXISTS (SELECT 1 FROM run_tags t WHERE t.run_id = runs.id AND t.tag = ?2)) "
    "AND (?3 = '' OR EXISTS (SELECT 1 FROM run_metadata m "
    "WHERE m.run_id = runs.id AND m.key = 'host' AND m.value = ?3))";

// Where a fio job row of the store went: its record and its place there.
struct JobSlot {
    std::size_t record = 0;
    std::size_t job = 0;
};

} // namespace

std::vector<RunRecord> Store::loadFioHistory(const RunFilter& filter, bool clatPercentiles) {
    Transaction snapshot(m_db, Transaction::Kind::Read);
    std::vector<RunRecord> records;
    std::unordered_map<std::int64_t, std::size_t> recordOfRun;
    Statement run(m_db, std::string("SELECT ") + rows::kRunColumns + " " + kHistoryRuns +
                            " ORDER BY start_ns, id");
    run.bind(filter.branch, filter.tag, filter.host);
    while (run.step()) {
        recordOfRun.emplace(run.integer(0), records.size());
        records.emplace_back().run = rows::readRun(run);
    }

    std::unordered_map<std::int64_t, JobSlot> slotOfJob;
    Statement job(m_db, std::string("SELECT run_id, id, ") + rows::kFioJobColumns +
                            " FROM fio_jobs WHERE (?4 = '' OR job = ?4) AND run_id IN "
                            "(SELECT id " +
                            kHistoryRuns + ") ORDER BY run_id, id");
    job.bind(filter.branch, filter.tag, filter.host, filter.job);
    while (job.step()) {
        const std::size_t index = recordOfRun.at(job.integer(0));
        std::vector<FioJob>& jobs = records[index].fio_jobs;
        slotOfJob.emplace(job.integer(1), JobSlot{index, jobs.size()});
        jobs.push_back(rows::readFioJob(job, 2));
    }
    if (!clatPercentiles) {
        return records;
    }

    Statement percentile(m_db, std::string("SELECT p.fio_job_id, p.percent, p.value_ns "
                                           "FROM fio_percentiles p JOIN fio_jobs j "
                                           "ON p.fio_job_id = j.id WHERE p.kind = 'clat' "
                                           "AND (?4 = '' OR j.job = ?4) "
                                           "AND j.run_id IN (SELECT id ") +
                                   kHistoryRuns + ") ORDER BY p.fio_job_id, p.percent");
    percentile.bind(filter.branch, filter.tag, filter.host, filter.job);
    while (percentile.step()) {
        const JobSlot slot = slotOfJob.at(percentile.integer(0));
        records[slot.record].fio_jobs[slot.job].clat.percentiles.push_back(
            {percentile.real(1), static_cast<std::uint64_t>(percentile.integer(2))});
    }
    return records;
}

} // namespace iolab::store
