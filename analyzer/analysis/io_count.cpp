#include "analyzer/analysis/io_count.h"

#include "analyzer/model/histogram_stats.h"
#include "analyzer/model/metric_names.h"

namespace iolab::analysis {

IoCount ioCount(const RunRecord& record) {
    IoCount count;
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
