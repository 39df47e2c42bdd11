#pragma once

#include "analyzer/analysis/comparison.h"
#include "analyzer/model/run_record.h"

#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace iolab {

// One figure of one run that a comparison lines up with the same figure of other runs.
struct ComparableFigure {
    SubjectKind kind = SubjectKind::FioJob;
    std::string subject;
    std::string group; // orders metrics inside a subject: "" for fio, the histogram's metric
    int rank = 0;      // orders metrics inside a group
    std::string metric;
    std::string unit;
    bool higher_is_better = false;
    double value = 0;
    // The half-width of the figure's own 95% interval: 0 when it is exact, nullopt when it is
    // an estimate without one. Fio's and the block layer's figures are measured, not estimated.
    std::optional<double> ci95 = 0.0;

    auto key() const { return std::tie(kind, subject, group, rank, metric); }
};

// The percentiles a comparison reads from fio's clat and from block-layer histograms.
inline constexpr double kComparedPercentiles[] = {50.0, 99.0, 99.9};

// Every comparable figure of a run: per fio job and direction (IOPS, bandwidth, clat
// percentiles; directions that did no IO are left out), per block device and operation (the
// percentiles of each block.*_ns histogram) and the per-IO costs the run has data for.
std::vector<ComparableFigure> comparableFigures(const RunRecord& record);

} // namespace iolab
