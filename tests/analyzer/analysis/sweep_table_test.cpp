#include "analyzer/analysis/sweep_table.h"
#include "analyzer/errors.h"
#include "tests/analyzer/analysis/comparison_records.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace iolab {
namespace {

// One run of a sweep over fio.iodepth in the cell `depth`, `iops` measured, run `order`-th.
RunRecord sweepRun(const std::string& depth, double iops, int order) {
    RunRecord record = test::fioRecord("fio", "s/fio.iodepth=" + depth, {.iops = iops}, order);
    record.run.id = order + 1;
    record.run.tags = {"sweep:s", "set:fio.iodepth=" + depth};
    record.run.metadata["fio.randread.iodepth"] = depth;
    return record;
}

const SweepMetric& metricNamed(const SweepAnalysis& sweep, const std::string& name) {
    for (const SweepMetric& metric : sweep.metrics) {
        if (metric.metric == name) {
            return metric;
        }
    }
    FAIL("no metric " << name);
    throw std::logic_error("unreachable");
}

// Three cells, three runs each, interleaved: depth 1 (the baseline), 8 (clearly higher) and
// 16 (the same as the baseline within noise).
std::vector<RunRecord> threeCells() {
    const double iops[3][3] = {{100e3, 102e3, 98e3}, {150e3, 151e3, 149e3}, {101e3, 99e3, 103e3}};
    const char* depths[3] = {"1", "8", "16"};
    std::vector<RunRecord> runs;
    for (int round = 0; round < 3; ++round) {
        for (int cell = 0; cell < 3; ++cell) {
            runs.push_back(sweepRun(depths[cell], iops[cell][round], round * 3 + cell));
        }
    }
    return runs;
}

} // namespace

TEST_CASE("sweep: cells in the order they ran, the baseline first", "[sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", threeCells());
    REQUIRE(sweep.cells.size() == 3);
    CHECK(sweep.knobs == std::vector<std::string>{"fio.iodepth"});
    CHECK(sweep.cells[0].settings.front().second == "1");
    CHECK(sweep.cells[1].settings.front().second == "8");
    CHECK(sweep.cells[0].run_ids == std::vector<std::int64_t>{1, 4, 7});
}

TEST_CASE("sweep: mean and 95% interval of each cell", "[sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", threeCells());
    const SweepMetric& iops = metricNamed(sweep, "iops");
    const CellFigure& baseline = *iops.cells[0];
    CHECK(baseline.moments.mean == Approx(100e3));
    // Sample stddev of 100k, 102k, 98k is 2k; t(0.975, df 2) = 4.302653 (tables).
    CHECK(baseline.half_width == Approx(4.302653 * 2e3 / std::sqrt(3.0)).epsilon(1e-5));
}

TEST_CASE("sweep: the differing cell is named, the equal one is not, Holm across cells",
          "[sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", threeCells());
    const SweepMetric& iops = metricNamed(sweep, "iops");
    REQUIRE(iops.cells[1]->test);
    REQUIRE(iops.cells[2]->test);
    const double p8 = iops.cells[1]->test->p_value;
    const double p16 = iops.cells[2]->test->p_value;
    REQUIRE(p8 < p16);
    // Holm with two p-values: the smaller times 2, the larger at least that.
    CHECK(*iops.cells[1]->p_adjusted == Approx(2 * p8));
    CHECK(*iops.cells[2]->p_adjusted == Approx(std::max(2 * p8, p16)));
    CHECK(iops.cells[1]->significant);
    CHECK_FALSE(iops.cells[2]->significant);
    CHECK(*iops.cells[1]->change_percent == Approx(50.0));
    CHECK(iops.best == 1u);
    CHECK_FALSE(iops.cells[0]->test); // the baseline is not tested against itself
}

TEST_CASE("sweep: the best latency is the lowest", "[sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", threeCells());
    const SweepMetric& p99 = metricNamed(sweep, "clat.p99");
    CHECK_FALSE(p99.higher_is_better);
    CHECK(p99.best == 1u); // the fixture's latency falls as IOPS rise (Little's law)
}

TEST_CASE("sweep: the baseline cell's drift, first run against the last", "[sweep]") {
    const SweepAnalysis sweep = analyzeSweep("s", threeCells());
    REQUIRE(sweep.drift.size() == 1);
    CHECK(sweep.drift[0].values == std::vector<double>{100e3, 102e3, 98e3});
    CHECK(sweep.drift[0].change_percent == Approx(-2.0));
}

TEST_CASE("sweep: the baseline cell's trend: a falling machine is flagged, noise is not",
          "[sweep]") {
    // Baseline IOPS 101k 96k 93k 92k 89k 84k 81k 80k: 100k - 3k per run with residuals of 1k
    // (slope exactly -3k, mean 89.5k); the other cell holds steady.
    const double falling[8] = {101e3, 96e3, 93e3, 92e3, 89e3, 84e3, 81e3, 80e3};
    const double noise[8] = {102e3, 97e3, 101e3, 104e3, 98e3, 99e3, 103e3, 96e3};
    for (const bool drifting : {true, false}) {
        std::vector<RunRecord> runs;
        for (int round = 0; round < 8; ++round) {
            runs.push_back(sweepRun("1", (drifting ? falling : noise)[round], round * 2));
            runs.push_back(sweepRun("8", 150e3, round * 2 + 1));
        }
        const SweepAnalysis sweep = analyzeSweep("s", runs);
        REQUIRE(sweep.drift.size() == 1);
        const BaselineDrift& drift = sweep.drift[0];
        REQUIRE(drift.trend);
        if (drifting) {
            CHECK(drift.trend->slope == Approx(-3e3));
            CHECK(drift.trend_percent == Approx(-300.0 / 89.5));
            CHECK(drift.trend_half_width_percent ==
                  Approx(100 * 2.446912 * std::sqrt(8e6 / 6 / 42) / 89.5e3).epsilon(1e-5));
            CHECK(drift.significant);
        } else {
            CHECK(drift.trend->slope == Approx(-12e3 / 42));
            CHECK_FALSE(drift.significant);
        }
    }
}

TEST_CASE("sweep: drift warnings leave out what the knobs set", "[sweep]") {
    auto runs = threeCells();
    runs[4].run.metadata["kernel"] = "6.19.0";
    const SweepAnalysis sweep = analyzeSweep("s", runs);
    REQUIRE(sweep.warnings.size() == 1);
    CHECK(sweep.warnings[0] == "environment differs between runs: kernel is 6.18.0, 6.19.0");
}

TEST_CASE("sweep: single runs are shown, not judged", "[sweep]") {
    std::vector<RunRecord> runs{sweepRun("1", 100e3, 0), sweepRun("8", 150e3, 1)};
    const SweepAnalysis sweep = analyzeSweep("s", runs);
    const SweepMetric& iops = metricNamed(sweep, "iops");
    CHECK_FALSE(iops.cells[1]->p_adjusted);
    CHECK_FALSE(iops.cells[1]->significant);
    CHECK(iops.cells[1]->half_width == 0);
    REQUIRE_FALSE(sweep.warnings.empty());
    CHECK_THAT(sweep.warnings[0], Catch::Contains("single run"));
}

TEST_CASE("sweep: failed runs are left out, none left is an input error", "[sweep]") {
    auto runs = threeCells();
    for (RunRecord& record : runs) {
        record.run.status = RunStatus::Failed;
    }
    CHECK_THROWS_AS(analyzeSweep("s", runs), InputError);
    runs[0].run.status = RunStatus::Complete;
    CHECK(analyzeSweep("s", runs).cells.size() == 1);
}

TEST_CASE("sweep: tags name the sweep and the settings", "[sweep]") {
    Run run;
    run.tags = {"baseline", sweepTag("night"), settingTag("dev.sda.scheduler", "none")};
    CHECK(sweepOf(run) == "night");
    CHECK(run.tags[2] == "set:dev.sda.scheduler=none");
    CHECK(sweepOf(Run{}).empty());
}

} // namespace iolab
