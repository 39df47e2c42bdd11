// fio reading the clock through libc on every IO (clocksource=clock_gettime): its clock reads
// per IO at the defaults against an exact count taken in a separate run (--duty 100, every
// call trapped). The process that submits and reaps the IOs reads the clock a fixed number of
// times per IO (5 with this fio), whatever its speed; fio's parent process reads it on a timer,
// so its reads per IO depend on the speed, which the trapping run does not share: the
// comparison is of the job's process.
#include "analyzer/analysis/per_io_costs.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <ranges>

namespace {

struct JobReads {
    double per_io = 0;
    iolab::analysis::Estimate total; // every libc read of the run, with how it was obtained
    double trapped = 0;              // the reads the uprobe trapped
};

// Records fio 4 KiB random reads on `device` with clocksource=clock_gettime; returns the job
// process's libc clock reads per IO (the process with the most).
JobReads recordClockJob(const std::string& device, const std::vector<std::string>& options) {
    iolab::test::TempDir dir;
    const auto job = dir.file("clock.fio");
    std::ofstream(job) << fmt::format("[job]\nfilename={}\nrw=randread\nbs=4k\ndirect=1\n"
                                      "ioengine=libaio\niodepth=32\ntime_based=1\nruntime=10\n"
                                      "clocksource=clock_gettime\n",
                                      device);
    const auto db = dir.file("runs.db");
    std::vector<std::string> argv{iolab::test::iolabBinary(), "record", "-o", db.string()};
    argv.insert(argv.end(), options.begin(), options.end());
    argv.insert(argv.end(), {"--", "fio", job.string()});
    const auto recorded = iolab::test::runCommand(argv);
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    const iolab::RunRecord record = iolab::test::onlyRun(db);
    const iolab::analysis::PerIoCosts costs = iolab::analysis::perIoCosts(record);
    REQUIRE(costs.ios > 10'000);
    std::map<std::int64_t, double> readsByProcess;
    for (const iolab::ClockStat& clock : record.clocks) {
        if (clock.process == "fio" && clock.path == "libc") {
            readsByProcess[clock.pid] += static_cast<double>(clock.reads);
        }
    }
    REQUIRE(!readsByProcess.empty());
    const double jobReads = std::ranges::max(readsByProcess | std::views::values);
    const auto libc = iolab::analysis::findEstimate(record, "clock.libc_reads");
    REQUIRE(libc);
    const auto trapped = std::ranges::find(record.counters, std::string("probe.clock.libc.events"),
                                           &iolab::Counter::name);
    REQUIRE(trapped != record.counters.end());
    return {costs.perIo(jobReads), *libc, trapped->value};
}

} // namespace

TEST_CASE("clock ground truth: fio clocksource=clock_gettime, reads per IO within 2% of an "
          "exact run",
          "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TestDevice device;
    const JobReads exact = recordClockJob(device.path(), {"--duty", "100"});
    const JobReads sampled = recordClockJob(device.path(), {});
    INFO("exact " << exact.per_io << " per IO; defaults " << sampled.per_io
                  << " per IO, libc reads " << sampled.total.value << " ± "
                  << sampled.total.ci95.value_or(-1) << " (" << sampled.total.method << "), "
                  << sampled.trapped << " trapped");
    CHECK(exact.total.exact());
    CHECK(exact.per_io >= 1);
    CHECK(std::abs(sampled.per_io - exact.per_io) <= 0.02 * exact.per_io);
    // A trap on every read holds fio back (a naive uprobe: 0.05 of its IOPS). The defaults trap
    // only within their budget and in short windows (their IOPS cost: bench/cost_overhead.sh
    // with clock_gettime), and state the interval of what they estimate.
    CHECK(sampled.total.method == "windowed");
    CHECK(sampled.total.ci95.has_value());
    CHECK(sampled.trapped < 0.25 * sampled.total.value);
}
