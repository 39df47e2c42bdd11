#include "analyzer/analysis/comparison.h"
#include "analyzer/analysis/window_estimate.h"
#include "analyzer/errors.h"
#include "tests/analyzer/analysis/comparison_records.h"

#include <catch2/catch.hpp>

using iolab::Assessment;
using iolab::ComparisonOptions;
using iolab::MetricComparison;
using iolab::test::fioSeries;

namespace {

const MetricComparison& find(const iolab::Comparison& comparison, const std::string& subject,
                             const std::string& metric) {
    for (const auto& m : comparison.metrics) {
        if (m.subject == subject && m.metric == metric) {
            return m;
        }
    }
    FAIL("no metric " << subject << " " << metric);
    throw std::logic_error("unreachable");
}

const std::vector<double> kBaseIops{100'000, 101'000, 99'000, 100'500, 99'500};

} // namespace

TEST_CASE("comparison: a 30% IOPS drop over 5 repetitions is a significant regression",
          "[comparison]") {
    const auto base = fioSeries("base", kBaseIops);
    const auto cand = fioSeries("cand", {70'000, 70'500, 69'500, 70'200, 69'800});
    const auto comparison = iolab::compare(base, cand);
    CHECK(comparison.significance_judged);
    CHECK(comparison.regression());
    const auto& iops = find(comparison, "randread/read", "iops");
    CHECK(iops.assessment == Assessment::Regression);
    CHECK(iops.baseline.moments.n == 5);
    CHECK(iops.baseline.moments.mean == Approx(100'000));
    CHECK(iops.candidate.moments.mean == Approx(70'000));
    REQUIRE(iops.change_percent);
    CHECK(*iops.change_percent == Approx(-30));
    REQUIRE(iops.ci_low_percent);
    CHECK(*iops.ci_low_percent < -30);
    CHECK(*iops.ci_high_percent > -30);
    CHECK(*iops.ci_high_percent < -28);
    REQUIRE(iops.p_adjusted);
    CHECK(*iops.p_adjusted < 1e-6);
    // One-sided p, Holm over the throughput family {iops, bw} alone: their equal one-sided
    // p/2 become p and max(p, p/2) = p; the eleven other metrics do not enter.
    CHECK(*iops.p_adjusted == Approx(iops.test->p_value));
    CHECK(find(comparison, "randread/read", "clat.p99").assessment == Assessment::Regression);
    CHECK(find(comparison, "loop0/read", "block.total_ns.p50").assessment ==
          Assessment::Regression);
    CHECK(comparison.warnings.empty());
}

TEST_CASE("comparison: repetitions of the same job within noise are no regression",
          "[comparison]") {
    const auto base = fioSeries("base", kBaseIops);
    const auto cand = fioSeries("cand", {99'800, 100'700, 99'300, 100'100, 100'200});
    const auto comparison = iolab::compare(base, cand);
    CHECK_FALSE(comparison.regression());
    CHECK(find(comparison, "randread/read", "iops").assessment == Assessment::Unchanged);
}

TEST_CASE("comparison: beyond the threshold but inside the noise is not significant",
          "[comparison]") {
    const auto base = fioSeries("base", {100'000, 120'000, 80'000});
    const auto cand = fioSeries("cand", {90'000, 110'000, 70'000});
    const auto comparison = iolab::compare(base, cand);
    const auto& iops = find(comparison, "randread/read", "iops");
    CHECK(*iops.change_percent == Approx(-10));
    CHECK(iops.assessment == Assessment::NotSignificant);
    CHECK_FALSE(comparison.regression());
}

TEST_CASE("comparison: single runs are judged by the threshold alone and say so", "[comparison]") {
    const auto base = fioSeries("base", {100'000});
    const auto cand = fioSeries("cand", {94'000});
    const auto comparison = iolab::compare(base, cand);
    CHECK_FALSE(comparison.significance_judged);
    const auto& iops = find(comparison, "randread/read", "iops");
    CHECK_FALSE(iops.test);
    CHECK(iops.assessment == Assessment::Regression);
    REQUIRE_FALSE(comparison.warnings.empty());
    CHECK_THAT(comparison.warnings.front(), Catch::Contains("significance could not be judged"));

    ComparisonOptions loose;
    loose.threshold_percent = 7;
    CHECK_FALSE(iolab::compare(base, cand, loose).regression());
}

TEST_CASE("comparison: per-metric thresholds override the default", "[comparison]") {
    ComparisonOptions options;
    iolab::parseMetricThresholds("iops=3%, p99=10, block=off, clat.p99.9=20%", options);
    CHECK(iolab::thresholdFor(options, "iops") == 3.0);
    CHECK(iolab::thresholdFor(options, "bw") == 5.0);
    CHECK(iolab::thresholdFor(options, "clat.p99") == 10.0);
    CHECK(iolab::thresholdFor(options, "clat.p99.9") == 20.0);
    CHECK(iolab::thresholdFor(options, "block.total_ns.p99") == 10.0);
    CHECK(iolab::thresholdFor(options, "block.total_ns.p50") == std::nullopt);
    CHECK_THROWS_AS(iolab::parseMetricThresholds("iops", options), iolab::InputError);
    CHECK_THROWS_AS(iolab::parseMetricThresholds("iops=fast", options), iolab::InputError);
    CHECK(iolab::parsePercent("2.5%") == 2.5);
    CHECK_THROWS_AS(iolab::parsePercent("-1%"), iolab::InputError);

    const auto base = fioSeries("base", kBaseIops);
    const auto cand = fioSeries("cand", {96'000, 97'000, 95'000, 96'500, 95'500});
    CHECK_FALSE(iolab::compare(base, cand).regression()); // -4%: within 5%
    const auto strict = iolab::compare(base, cand, options);
    CHECK(find(strict, "randread/read", "iops").assessment == Assessment::Regression);
    CHECK(find(strict, "loop0/read", "block.total_ns.p50").assessment == Assessment::NotGated);
}

TEST_CASE("comparison: per-IO costs and CPU shares explain a change", "[comparison]") {
    const auto base = fioSeries("base", kBaseIops);
    iolab::test::FioFigures worse;
    worse.allocs_per_io = 3;
    worse.lock_samples = 40;
    auto cand = fioSeries("cand", kBaseIops, worse);
    // A compiler busy on the same machine: a system-wide profile holds its samples too, which
    // must not dilute the workload's shares.
    for (auto& record : cand) {
        auto& profile = record.profile;
        profile.frames.push_back({"cc1plus_main", "cc1plus", iolab::FrameKind::User});
        profile.nodes.push_back(
            {iolab::StackNode::kNoParent, static_cast<std::int64_t>(profile.frames.size() - 1)});
        profile.samples.push_back(
            {static_cast<std::int64_t>(profile.nodes.size() - 1), "cpu-clock", "cc1plus", 99, 500});
    }
    const auto comparison = iolab::compare(base, cand);
    CHECK(comparison.cpu_processes == std::vector<std::string>{"fio"});
    const auto& allocs = find(comparison, "per IO", "allocs_per_io");
    CHECK(allocs.baseline.moments.mean == Approx(2));
    CHECK(allocs.candidate.moments.mean == Approx(3));
    CHECK(allocs.assessment == Assessment::Regression);
    CHECK(find(comparison, "per IO", "clock_reads_per_io").assessment == Assessment::Unchanged);
    CHECK(find(comparison, "randread/read", "iops").assessment == Assessment::Unchanged);

    CHECK(comparison.cpu_event == "cpu-clock");
    REQUIRE(comparison.functions.size() == 3);
    const auto& top = comparison.functions.front();
    CHECK(top.symbol == "_raw_spin_lock");
    CHECK(top.baseline.moments.mean == Approx(10.0));          // 10 of 100 samples
    CHECK(top.candidate.moments.mean == Approx(4000.0 / 130)); // 40 of 130
    CHECK(top.change_points == Approx(4000.0 / 130 - 10));

    const auto& root = comparison.flame;
    CHECK(root.symbol == "all");
    CHECK(root.baseline_share == Approx(1));
    REQUIRE(root.children.size() == 1);
    const auto& submit = root.children[0].children.at(1);
    CHECK(submit.symbol == "io_submit");
    CHECK(submit.baseline_share == Approx(0.7));
    CHECK(submit.candidate_share == Approx(100.0 / 130));
}

TEST_CASE("comparison: environment drift and missing jobs are warned about", "[comparison]") {
    auto base = fioSeries("base", kBaseIops);
    auto cand = fioSeries("cand", kBaseIops);
    cand[2].run.metadata["kernel"] = "6.18.1";
    cand[0].run.metadata["dev.loop0.scheduler"] = "mq-deadline";
    cand[1].fio_jobs[0].job = "other";
    const auto comparison = iolab::compare(base, cand);
    REQUIRE(comparison.drift.size() == 2);
    CHECK(comparison.drift[0].key == "dev.loop0.scheduler");
    CHECK(comparison.drift[1].key == "kernel");
    CHECK(comparison.drift[1].candidate_values == std::vector<std::string>{"6.18.0", "6.18.1"});
    CHECK(find(comparison, "other/read", "iops").assessment == Assessment::Missing);
    int driftWarnings = 0;
    for (const auto& warning : comparison.warnings) {
        driftWarnings += warning.starts_with("environment differs") ? 1 : 0;
    }
    CHECK(driftWarnings == 2);
    CHECK_THROWS_AS(iolab::compare({}, cand), iolab::InputError);
}

TEST_CASE("comparison: the differential flame tree merges runs of unknown frames", "[comparison]") {
    iolab::StackProfileBuilder builder;
    const iolab::Frame main{"main", "fio", iolab::FrameKind::User};
    const iolab::Frame unknown{"[unknown]", "[unknown]", iolab::FrameKind::User};
    const iolab::Frame leaf{"leaf", "fio", iolab::FrameKind::User};
    builder.addSample(std::vector<iolab::Frame>{main, unknown, unknown, unknown, leaf}, "cpu-clock",
                      "fio", 1, 3);
    builder.addSample(std::vector<iolab::Frame>{main, leaf}, "cpu-clock", "fio", 1, 1);
    const auto profile = builder.take();
    const auto root = iolab::buildDiffFlame({&profile}, {&profile}, "cpu-clock");
    REQUIRE(root.children.size() == 1);
    const auto& top = root.children[0];
    REQUIRE(top.children.size() == 2);
    const auto& merged = top.children[0];
    CHECK(merged.symbol == "[unknown]");
    CHECK(merged.candidate_share == Approx(0.75));
    REQUIRE(merged.children.size() == 1);
    CHECK(merged.children[0].symbol == "leaf");
    CHECK(merged.children[0].candidate_self == Approx(0.75));
    CHECK(top.children[1].symbol == "leaf");
}

TEST_CASE("comparison: one run per side: a per-IO change inside the runs' own intervals is not "
          "significant",
          "[comparison]") {
    // Allocations estimated in sampling windows, 2.0 then 2.3 per IO (+15%), each with its own
    // 95% interval: wide ones cannot tell the change from sampling error, narrow ones can.
    const auto withEstimate = [](double allocsPerIo, double ci95PerIo) {
        iolab::test::FioFigures figures;
        figures.allocs_per_io = allocsPerIo;
        auto runs = fioSeries("s", {100'000}, figures);
        const double ios = 200'000; // fioRecord: 2 s at 100k IOPS
        iolab::analysis::addEstimate(runs.front(), "alloc.workload_allocations",
                                     {allocsPerIo * ios, ci95PerIo * ios, "windowed"});
        return runs;
    };
    const auto wide = iolab::compare(withEstimate(2.0, 0.25), withEstimate(2.3, 0.25));
    const auto& unsure = find(wide, "per IO", "allocs_per_io");
    REQUIRE(unsure.baseline.run_ci95);
    CHECK(*unsure.baseline.run_ci95 == Approx(0.25));
    CHECK(*unsure.candidate.run_ci95 == Approx(0.25));
    CHECK(unsure.estimate_ci95 == Approx(std::hypot(0.25, 0.25)));
    CHECK(unsure.assessment == Assessment::NotSignificant);

    const auto narrow = iolab::compare(withEstimate(2.0, 0.05), withEstimate(2.3, 0.05));
    CHECK(find(narrow, "per IO", "allocs_per_io").assessment == Assessment::Regression);
    // Exact figures carry a zero interval and no verdict changes for them.
    const auto& clocks = find(narrow, "per IO", "clock_reads_per_io");
    CHECK(clocks.baseline.run_ci95 == 0.0);
    CHECK(clocks.assessment == Assessment::Unchanged);
}

TEST_CASE("comparison: contended locks grouped as show groups them, per IO on each side",
          "[comparison]") {
    // The candidate waits on a tag lock from blk_mq_get_tag, 4 times per 100 IOs, 2 µs each;
    // both sides keep the fixtures' stackless spinlock (a quarter of the IOs wait, 50 ns per IO).
    auto base = fioSeries("base", {100'000, 100'000});
    auto cand = fioSeries("cand", {100'000, 100'000});
    const double ios = 200'000; // fioRecord: 2 s at 100k IOPS
    for (auto& record : cand) {
        const iolab::Frame caller{"blk_mq_get_tag", "[kernel.kallsyms]", iolab::FrameKind::Kernel};
        const iolab::Frame spin{"_raw_spin_lock", "[kernel.kallsyms]", iolab::FrameKind::Kernel};
        const auto waits = static_cast<std::uint64_t>(ios * 0.04);
        record.locks.push_back({0xffff888100000000,
                                "",
                                "spinlock",
                                {caller, spin},
                                waits,
                                waits * 2000,
                                9000,
                                {},
                                ""});
    }
    iolab::ComparisonOptions options;
    const auto byCaller = iolab::compare(base, cand, options);
    REQUIRE(byCaller.locks.size() == 2);
    const iolab::LockGroupChange& tag = byCaller.locks.front(); // the longest wait per IO first
    CHECK(tag.key == "blk_mq_get_tag");
    CHECK(tag.kind == "spinlock");
    CHECK(tag.baseline_waits.values == std::vector<double>{0, 0});
    CHECK(tag.candidate_waits.moments.mean == Approx(0.04));
    CHECK(tag.candidate_wait_ns.moments.mean == Approx(80));
    const iolab::LockGroupChange& fixture = byCaller.locks.back();
    CHECK(fixture.key == "[no stack]");
    CHECK(fixture.baseline_waits.moments.mean == Approx(0.25));
    CHECK(fixture.baseline_wait_ns.moments.mean == Approx(50));
    CHECK(fixture.candidate_waits.moments.n == 2);

    options.lock_grouping = iolab::analysis::LockGrouping::Class;
    options.top_locks = 1;
    const auto byClass = iolab::compare(base, cand, options);
    REQUIRE(byClass.locks.size() == 1);
    CHECK(byClass.locks.front().key == "unnamed spinlock");
    CHECK(byClass.locks.front().candidate_waits.moments.mean == Approx(0.29));
}

// The kernel's counters: 2 reads merged per 10 completed in the baseline, 1 in the candidate,
// in runs recorded with the block phases (their Q2C histogram, the fixture's block latency).
TEST_CASE("comparison: a device's merge ratio is compared like the other metrics", "[comparison]") {
    auto withMerges = [](std::vector<iolab::RunRecord> runs, double perRequest) {
        for (auto& record : runs) {
            auto q2c = record.histograms.front();
            q2c.metric = "block.q2c_ns";
            record.histograms.push_back(q2c);
            double reads = 0;
            for (const auto& counter : record.counters) {
                reads += counter.name == "block.sysfs.reads" ? counter.value : 0;
            }
            record.counters.push_back(
                {"block.sysfs.reads_merged", {{"device", "loop0"}}, reads * perRequest, false});
        }
        return runs;
    };
    const auto base = withMerges(fioSeries("base", kBaseIops), 0.2);
    const auto cand = withMerges(fioSeries("cand", kBaseIops), 0.1);
    const auto comparison = iolab::compare(base, cand);
    const auto& merges = find(comparison, "loop0", "block.merge_ratio");
    CHECK(merges.baseline.moments.n == 5);
    CHECK(merges.baseline.moments.mean == Approx(0.2));
    CHECK(merges.candidate.moments.mean == Approx(0.1));
    CHECK(merges.higher_is_better);
    REQUIRE(merges.change_percent);
    CHECK(*merges.change_percent == Approx(-50));
    CHECK(merges.assessment == Assessment::Regression);
}
