#include "analyzer/analysis/comparison_figures.h"

#include "analyzer/analysis/per_io_costs.h"
#include "analyzer/model/histogram_stats.h"

#include <cmath>
#include <string_view>

namespace iolab {
namespace {

std::string percentileName(double percent) {
    const double whole = std::floor(percent);
    if (percent == whole) {
        return "p" + std::to_string(static_cast<int>(whole));
    }
    return "p" + std::to_string(static_cast<int>(whole)) + "." +
           std::to_string(static_cast<int>(std::lround((percent - whole) * 10)));
}

std::optional<double> fioPercentile(const LatencySummary& summary, double percent) {
    for (const Percentile& p : summary.percentiles) {
        if (std::abs(p.percent - percent) < 1e-6) {
            return static_cast<double>(p.value_ns);
        }
    }
    return std::nullopt;
}

void addFioFigures(const RunRecord& record, std::vector<ComparableFigure>& figures) {
    for (const FioJob& job : record.fio_jobs) {
        if (job.ios == 0) {
            continue;
        }
        const std::string subject = job.job + "/" + job.direction;
        const auto add = [&](int rank, std::string metric, std::string unit, bool higher,
                             double value) {
            figures.push_back({SubjectKind::FioJob, subject, "", rank, std::move(metric),
                               std::move(unit), higher, value});
        };
        add(0, "iops", "IOPS", true, job.iops);
        add(1, "bw", "B/s", true, static_cast<double>(job.bandwidth_bytes));
        int rank = 2;
        for (const double percent : kComparedPercentiles) {
            if (const auto value = fioPercentile(job.clat, percent)) {
                add(rank, "clat." + percentileName(percent), "ns", false, *value);
            }
            ++rank;
        }
    }
}

std::string dimensionsSubject(const std::map<std::string, std::string>& dimensions) {
    std::string subject;
    for (const auto& [key, value] : dimensions) {
        subject += (subject.empty() ? "" : "/") + value;
    }
    return subject.empty() ? "all" : subject;
}

void addBlockFigures(const RunRecord& record, std::vector<ComparableFigure>& figures) {
    for (const Histogram& histogram : record.histograms) {
        if (!histogram.metric.starts_with("block.") || !histogram.metric.ends_with("_ns") ||
            totalCount(histogram.buckets) == 0) {
            continue;
        }
        int rank = 0;
        for (const double percent : kComparedPercentiles) {
            figures.push_back({SubjectKind::BlockDevice, dimensionsSubject(histogram.dimensions),
                               histogram.metric, rank++,
                               histogram.metric + "." + percentileName(percent), "ns", false,
                               percentile(histogram.buckets, percent)});
        }
    }
}

void addCostFigures(const RunRecord& record, std::vector<ComparableFigure>& figures) {
    const analysis::PerIoCosts costs = analysis::perIoCosts(record);
    if (costs.ios == 0) {
        return;
    }
    const auto add = [&](int rank, std::string metric, std::string unit,
                         const analysis::Estimate& total) {
        const analysis::Estimate perIo = costs.perIo(total);
        figures.push_back({SubjectKind::PerIoCost, "per IO", "", rank, std::move(metric),
                           std::move(unit), false, perIo.value, perIo.ci95});
    };
    if (!record.allocations.empty()) {
        add(0, "allocs_per_io", "per IO", costs.allocations());
    }
    if (!record.clocks.empty()) {
        add(1, "clock_reads_per_io", "per IO", costs.clock_reads);
    }
    if (!record.locks.empty()) {
        add(2, "lock_wait_ns_per_io", "ns per IO",
            {static_cast<double>(costs.lock_wait_ns), 0.0, "exact"});
    }
}

} // namespace

std::vector<ComparableFigure> comparableFigures(const RunRecord& record) {
    std::vector<ComparableFigure> figures;
    addFioFigures(record, figures);
    addBlockFigures(record, figures);
    addCostFigures(record, figures);
    return figures;
}

} // namespace iolab
