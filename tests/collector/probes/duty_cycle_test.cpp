#include "collector/probes/sampling_windows.h"
#include "collector/recorder/duty_cycle.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"

#include <catch2/catch.hpp>
#include <future>
#include <numeric>

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
    // Each open makes one struct file from the "filp" cache. The probe slows the child a little
    // in its windows, so time-scaled counts come out slightly low (about 9% here).
    std::uint64_t files = 0;
    for (const iolab::AllocStat& stat : record.allocations) {
        files += stat.scope == "workload" && stat.cache == "filp" ? stat.count : 0;
    }
    CHECK(static_cast<double>(files) == Approx(static_cast<double>(kOpens)).epsilon(0.15));
}
