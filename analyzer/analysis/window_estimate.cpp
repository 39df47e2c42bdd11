#include "analyzer/analysis/window_estimate.h"

#include "analyzer/analysis/statistics.h"

#include <algorithm>
#include <cmath>

namespace iolab::analysis {

Estimate windowedEstimate(std::span<const WindowSample> windows, double spanProgress,
                          double exactPart) {
    Estimate estimate{exactPart, 0.0, "windowed"};
    double counted = 0;
    double observed = 0;
    std::size_t informative = 0;
    for (const WindowSample& window : windows) {
        counted += window.count;
        observed += window.progress;
        informative += window.progress > 0 ? 1 : 0;
    }
    if (spanProgress <= 0) {
        return estimate; // nothing happened outside the exact part
    }
    if (observed <= 0) {
        estimate.ci95.reset();
        return estimate;
    }
    const double ratio = counted / observed;
    estimate.value += ratio * spanProgress;
    if (informative < 2) {
        estimate.ci95.reset();
        return estimate;
    }
    const auto n = static_cast<double>(informative);
    double squares = 0;
    for (const WindowSample& window : windows) {
        if (window.progress > 0) {
            const double residual = window.count - ratio * window.progress;
            squares += residual * residual;
        }
    }
    const double meanProgress = observed / n;
    const double sampled = std::min(1.0, observed / spanProgress);
    const double ratioVariance =
        (1 - sampled) * squares / (n - 1) / (n * meanProgress * meanProgress);
    const double t = studentTQuantile(0.975, n - 1);
    estimate.ci95 = t * std::sqrt(ratioVariance) * spanProgress;
    return estimate;
}

void addEstimate(RunRecord& record, const std::string& name, const Estimate& estimate) {
    record.counters.push_back(
        {name, {{"method", estimate.method}}, estimate.value, !estimate.exact()});
    if (!estimate.exact() && estimate.ci95) {
        record.counters.push_back({name + ".ci95", {}, *estimate.ci95, true});
    }
}

std::optional<Estimate> findEstimate(const RunRecord& record, std::string_view name) {
    std::optional<Estimate> found;
    for (const Counter& counter : record.counters) {
        if (counter.name == name) {
            const auto method = counter.dimensions.find("method");
            found = Estimate{counter.value, std::nullopt,
                             method != counter.dimensions.end() ? method->second : "exact"};
            if (found->exact()) {
                found->ci95 = 0.0;
            }
        }
    }
    if (!found || found->exact()) {
        return found;
    }
    const std::string interval = std::string(name) + ".ci95";
    for (const Counter& counter : record.counters) {
        if (counter.name == interval) {
            found->ci95 = counter.value;
        }
    }
    return found;
}

} // namespace iolab::analysis
