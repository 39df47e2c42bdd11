#include "analyzer/analysis/io_count.h"

#include "analyzer/model/histogram_stats.h"
#include "analyzer/model/metric_names.h"

namespace iolab::analysis {

IoCount ioCount(const RunRecord& record) {
    IoCount count;
    double completed = 0;
    for (const Counter& counter : record.counters) {
        if (counter.name == metrics::kSysfsReads || counter.name == metrics::kSysfsWrites) {
            completed += counter.value;
        }
    }
    if (completed > 0) {
        return {static_cast<std::uint64_t>(completed), "block requests"};
    }
    for (const Histogram& histogram : record.histograms) {
        if (histogram.metric == metrics::kBlockTotalNs) {
            count.ios += totalCount(histogram.buckets);
        }
    }
    if (count.ios > 0) {
        count.source = "block requests";
        return count;
    }
    for (const FioJob& job : record.fio_jobs) {
        count.ios += job.ios;
    }
    if (count.ios > 0) {
        count.source = "fio IOs";
    }
    return count;
}

} // namespace iolab::analysis
