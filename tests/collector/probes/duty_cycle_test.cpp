#include "collector/probes/adaptive_counting.h"
#include "collector/probes/sampling_windows.h"
#include "collector/recorder/duty_cycle.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"

#include <catch2/catch.hpp>
#include <future>
#include <numeric>
#include <thread>

using iolab::probes::SamplingWindows;

TEST_CASE("scaleBuckets: the scaled buckets add up to the scaled total", "[windows]") {
    std::vector<std::uint64_t> counts{1, 3, 0, 7, 2, 5};
    iolab::probes::scaleBuckets(counts, 13.7);
    CHECK(std::accumulate(counts.begin(), counts.end(), 0ULL) ==
          iolab::probes::scaledCount(18, 13.7));
    CHECK(counts[2] == 0);
    CHECK(iolab::probes::windowScale(nullptr) == 1.0);
    const SamplingWindows unstarted({});
    CHECK(unstarted.scale() == 0);
    CHECK_FALSE(unstarted.ioCoverage().has_value());
}

TEST_CASE("DutyCycle: counts made in sampling windows scale to the whole recording",
          "[root][windows]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    constexpr long kOpens = 200'000;
    iolab::test::TrackedTgids tracked;
    iolab::test::GatedChild child(
        {iolab::test::probeProgram("alloc_maker"), std::to_string(kOpens)});
    tracked.add(child.pid());
    SamplingWindows windows({});
    iolab::probes::ProbeScope scope;
    scope.tracked_tgids_fd = tracked.fd();
    scope.windows = &windows;
    iolab::recorder::ProbeSet probes({"alloc"}, {});
    probes.attach(scope, true);
    iolab::recorder::DutyCycle duty(
        probes, {std::chrono::milliseconds(10), std::chrono::milliseconds(50)}, windows);

    child.release();
    auto exited = std::async(std::launch::async, [&child] { return child.wait(); });
    while (exited.wait_for(duty.advance(std::chrono::steady_clock::now())) !=
           std::future_status::ready) {
    }
    REQUIRE(exited.get() == 0);
    duty.finish();
    iolab::RunRecord record;
    windows.describe(record);
    probes.detach();
    probes.collect(record);

    const double duty_cycle = std::stod(record.run.metadata.at("record.duty_cycle"));
    INFO("duty cycle " << duty_cycle << ", windows " << record.run.metadata.at("record.windows"));
    CHECK(duty_cycle > 0.1);
    CHECK(duty_cycle < 0.3);
    CHECK(std::stoi(record.run.metadata.at("record.windows")) >= 5);
    // Each open makes one struct file from the "filp" cache. The child does no block IO, so its
    // windows scale by time; the probe slows it in its windows, so the counts come out low
    // (10 to 20% here: the bias the workload's IOs, where there are some, do not have).
    std::uint64_t files = 0;
    for (const iolab::AllocStat& stat : record.allocations) {
        files += stat.scope == "workload" && stat.cache == "filp" ? stat.count : 0;
    }
    CHECK(static_cast<double>(files) == Approx(static_cast<double>(kOpens)).epsilon(0.25));
}

TEST_CASE("AdaptiveCounting: exact within its budget, then estimated from the windows",
          "[windows]") {
    using iolab::probes::AdaptiveCounting;
    // No windows (--duty 100): every event, whatever it costs.
    AdaptiveCounting always(nullptr, 1, 1e6);
    always.opened(1'000'000, {1'000'000});
    CHECK_FALSE(always.closed({1'000'000}));
    CHECK(always.estimate(0, 1'000'000).exact());

    SamplingWindows windows({});
    windows.start();
    // 100 ns an event, 1 ms at once, nothing sustained.
    AdaptiveCounting counting(&windows, 1, 100, {.burst_ns = 1e6, .cpu_share = 0});
    // A window of 5 ms in which `counted` events are, after 15 ms without a window.
    std::uint64_t runs = 0;
    std::uint64_t total = 0;
    const auto period = [&](std::uint64_t runsBefore, std::uint64_t counted) {
        runs += runsBefore;
        total += runsBefore;
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
        windows.open();
        counting.opened(runs, {total});
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        runs += counted;
        total += counted;
        const bool stop = counting.closed({total});
        windows.close();
        return stop;
    };
    CHECK_FALSE(period(5'000, 0)); // 0.5 ms spent
    CHECK_FALSE(counting.windowed());
    CHECK(period(10'000, 100)); // 1.5 ms: over, windowed from this window on
    CHECK(counting.windowed());
    const std::uint64_t exact = 15'000;
    for (int i = 0; i < 4; ++i) {
        CHECK(period(0, 100));
    }
    windows.stop();
    const iolab::analysis::Estimate estimate = counting.estimate(0, total);
    CHECK(estimate.method == "windowed");
    // 100 in every 5 ms window stand for about 400 in each 20 ms period (less when the
    // sleeps overrun on a busy machine), well above the 500 the windows counted.
    CHECK(estimate.value > static_cast<double>(exact) + 750);
    CHECK(estimate.value < static_cast<double>(exact) + 5 * 600);
    REQUIRE(estimate.ci95);
    iolab::RunRecord record;
    counting.describe(record, "test", runs);
    CHECK(record.run.metadata.at("probe.test.counting") == "windowed from window 1");
}
