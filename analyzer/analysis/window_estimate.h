#pragma once

#include "analyzer/model/run_record.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace iolab::analysis {

// What one sampling window saw: the events counted in it and the workload's progress while it
// was open (IOs completed, or nanoseconds when the workload does no block IO).
struct WindowSample {
    double count = 0;
    double progress = 0;
};

// A figure of a run, how it was obtained ("exact", "windowed", "profile") and, when estimated,
// the half-width of its 95% interval (nullopt: too few windows to say).
struct Estimate {
    double value = 0;
    std::optional<double> ci95;
    std::string method = "exact";

    bool exact() const { return method == "exact"; }
};

// The ratio estimator of a total from sampling windows: events per unit of progress in the
// windows times the progress of the whole sampled span, plus `exactPart` counted outside it.
// Scaling by progress, not time, keeps the estimate unbiased when the probe slows the workload
// inside its windows. The 95% interval comes from the variation of count against progress
// between windows (Student's t with n - 1 degrees of freedom, finite-population corrected);
// fewer than two windows with progress give no interval.
Estimate windowedEstimate(std::span<const WindowSample> windows, double spanProgress,
                          double exactPart = 0);

// A figure is stored as counters: NAME (its value, dimension "method") and, for estimates with
// an interval, NAME.ci95 (the half-width). One place writes and reads that convention.
void addEstimate(RunRecord& record, const std::string& name, const Estimate& estimate);
std::optional<Estimate> findEstimate(const RunRecord& record, std::string_view name);

} // namespace iolab::analysis
