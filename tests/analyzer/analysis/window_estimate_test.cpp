#include "analyzer/analysis/window_estimate.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using iolab::analysis::Estimate;
using iolab::analysis::windowedEstimate;
using iolab::analysis::WindowSample;

TEST_CASE("windowedEstimate: scales the windows' ratio by the span's progress", "[estimate]") {
    // 2 events per IO in every window: exact, whatever the windows' IOs.
    const std::vector<WindowSample> windows{{200, 100}, {60, 30}, {1000, 500}};
    const Estimate estimate = windowedEstimate(windows, 10'000, 7);
    CHECK(estimate.value == Approx(20'007));
    REQUIRE(estimate.ci95);
    CHECK(*estimate.ci95 == Approx(0).margin(1e-9));
    CHECK(estimate.method == "windowed");
    CHECK_FALSE(estimate.exact());
}

TEST_CASE("windowedEstimate: one window or none gives no interval", "[estimate]") {
    const std::vector<WindowSample> one{{10, 5}};
    CHECK(windowedEstimate(one, 50).value == Approx(100));
    CHECK_FALSE(windowedEstimate(one, 50).ci95);
    CHECK(windowedEstimate({}, 50, 3).value == 3);
    CHECK_FALSE(windowedEstimate({}, 50, 3).ci95);
    // Nothing left to estimate after the exact part: exact as it stands.
    CHECK(windowedEstimate({}, 0, 3).ci95 == 0.0);
}

// The interval's promise, checked by simulation: a workload of 2,000 periods whose event rate
// per unit of progress wanders (phases and noise); 40 periods sampled at random; the true total
// falls inside the stated 95% interval in about 95% of the trials.
TEST_CASE("windowedEstimate: the 95% interval covers the true total 95% of the time",
          "[estimate]") {
    std::mt19937 random(18);
    std::vector<double> progress(2000);
    std::vector<double> counts(2000);
    double truth = 0;
    double span = 0;
    for (std::size_t i = 0; i < progress.size(); ++i) {
        progress[i] = std::uniform_real_distribution<double>(50, 150)(random);
        const double rate =
            (i < 1000 ? 2.0 : 3.0) + std::normal_distribution<double>(0, 0.4)(random);
        counts[i] = std::max(0.0, rate * progress[i]);
        truth += counts[i];
        span += progress[i];
    }
    constexpr int kTrials = 2000;
    int covered = 0;
    for (int trial = 0; trial < kTrials; ++trial) {
        std::vector<std::size_t> order(progress.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::shuffle(order.begin(), order.end(), random);
        std::vector<WindowSample> windows;
        for (std::size_t i = 0; i < 40; ++i) {
            windows.push_back({counts[order[i]], progress[order[i]]});
        }
        const Estimate estimate = windowedEstimate(windows, span);
        REQUIRE(estimate.ci95);
        covered += std::abs(estimate.value - truth) <= *estimate.ci95 ? 1 : 0;
    }
    const double coverage = static_cast<double>(covered) / kTrials;
    INFO("coverage " << coverage);
    CHECK(coverage > 0.92);
    CHECK(coverage < 0.975);
}

TEST_CASE("addEstimate / findEstimate: a figure keeps its method and interval", "[estimate]") {
    iolab::RunRecord record;
    iolab::analysis::addEstimate(record, "alloc.workload_allocations", {2000, 20.0, "windowed"});
    iolab::analysis::addEstimate(record, "clock.syscall_reads", {123457, 0.0, "exact"});
    iolab::analysis::addEstimate(record, "lock.contentions", {10, std::nullopt, "windowed"});
    const auto allocations = iolab::analysis::findEstimate(record, "alloc.workload_allocations");
    REQUIRE(allocations);
    CHECK(allocations->value == 2000);
    CHECK(allocations->ci95 == 20.0);
    CHECK(allocations->method == "windowed");
    const auto clock = iolab::analysis::findEstimate(record, "clock.syscall_reads");
    REQUIRE(clock);
    CHECK(clock->exact());
    CHECK(clock->ci95 == 0.0);
    CHECK_FALSE(iolab::analysis::findEstimate(record, "lock.contentions")->ci95);
    CHECK_FALSE(iolab::analysis::findEstimate(record, "clock.libc_reads"));
}
