#include "analyzer/model/histogram_stats.h"
#include "tests/collector/recorder/log2_buckets.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <csignal>
#include <map>
#include <optional>
#include <regex>
#include <sstream>

using namespace iolab;
using namespace iolab::test;

namespace {

const FioJob& readJob(const RunRecord& record) {
    for (const FioJob& job : record.fio_jobs) {
        if (job.direction == "read") {
            return job;
        }
    }
    FAIL("no fio read job in the run");
    throw std::logic_error("unreachable");
}

double clatPercentile(const FioJob& job, double percent) {
    for (const Percentile& p : job.clat.percentiles) {
        if (std::abs(p.percent - percent) < 1e-9) {
            return static_cast<double>(p.value_ns);
        }
    }
    FAIL("fio gave no clat p" << percent);
    return 0;
}

// biolatency's histogram ("     4 -> 7     : 1234 |***|"), keyed by the bucket's lower bound
// in microseconds.
Log2Counts parseBiolatency(const std::string& text) {
    static const std::regex row(R"(^\s*(\d+)\s*->\s*(\d+)\s*:\s*(\d+))");
    Log2Counts counts;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, row)) {
            counts[std::stoull(m[1])] += std::stod(m[3]);
        }
    }
    return counts;
}

// Records fio's random reads for `seconds` with iolab's block probe (`extraArgs` added) while
// biolatency watches the same device. Checks that both count the same IOs and, given
// `maxMoved`, that at most that share of biolatency's distribution is in other log2 buckets in
// iolab's device time.
void checkBesideBiolatency(const std::vector<std::string>& extraArgs, int seconds,
                           std::optional<double> maxMoved) {
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", seconds);
    const auto db = dir.file("runs.db");

    // Line-buffered, so its "Hit Ctrl-C" line says when it is attached.
    Spawned biolatency({"stdbuf", "-oL", "/usr/sbin/biolatency", "-d", device.name()});
    REQUIRE(biolatency.waitForLine("Hit Ctrl-C"));
    std::vector<std::string> command{iolabBinary(), "record", "--probe",
                                     "block",       "-o",     db.string()};
    command.insert(command.end(), extraArgs.begin(), extraArgs.end());
    command.insert(command.end(), {"--", "fio", job.string()});
    const auto result = runCommand(command);
    kill(biolatency.pid(), SIGINT);
    const std::string output = biolatency.readRest();
    biolatency.wait();
    REQUIRE(result.exit_code == 0);

    const auto theirs = parseBiolatency(output);
    double theirTotal = 0;
    for (const auto& [lower, count] : theirs) {
        theirTotal += count;
    }
    // biolatency times issue -> completion: iolab's D2C.
    const auto ours =
        log2Microseconds(blockHistogram(onlyRun(db), "block.d2c_ns", device.name(), ""));
    double ourTotal = 0;
    std::ostringstream ourRows;
    for (const auto& [lower, count] : ours) {
        ourTotal += count;
        ourRows << lower << ": " << std::llround(count) << "\n";
    }
    INFO("biolatency:\n" << output << "iolab, in the same buckets:\n" << ourRows.str());
    REQUIRE(theirTotal > 10000);
    CHECK(std::abs(ourTotal - theirTotal) <= 0.02 * theirTotal);

    // Both stamp the same events with different clocks reads, so an IO near a log2 boundary
    // may land on either side: the distributions must match, not every bucket to the count.
    if (maxMoved) {
        CHECK(movedShare(ours, theirs) <= *maxMoved);
    }
}

} // namespace

// Depth 4: at depth 32 this loop device completes IOs faster than fio reaps them, so fio's
// clat is mostly time in its own completion queue (about 8x the block layer's here, by
// Little's law) and says nothing about the device.
TEST_CASE("record: block probe counts every read fio made, latency below fio's", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 3, 4);
    // Without the slowest IOs' stacks: walking two stacks at each queued bio slows the IOs of
    // the windows (measured at depth 4: windowed Q2C p50 24.6-32.1 us against fio's clat p50
    // 19.3-21.6 us over the run; one pair by hand: 14.5 us without them, 23.0 us with), an
    // observer cost this test would read as a wrong latency. Their cost is open (issue 11).
    const RunRecord record = recordFioWithBlockProbe(dir, job, {"--slowest", "0"});
    CHECK(record.run.status == RunStatus::Complete);
    CHECK(record.run.metadata.at("probe.block.mechanism") == "tp_btf");
    CHECK(record.run.metadata.at("dev." + device.name() + ".dio") == "1");
    // The default: sampling windows about 5% of the time, scaled to the kernel's IO count.
    const double duty = std::stod(record.run.metadata.at("record.duty_cycle"));
    CHECK(duty > 0.02);
    CHECK(duty < 0.10);

    const FioJob& fio = readJob(record);
    const auto total = blockHistogram(record, "block.q2c_ns", device.name(), "read");
    const double counted = static_cast<double>(totalCount(total));
    const double sampled = counterValue(record, "probe.block.sampled_ios");
    INFO("fio read IOs " << fio.ios << ", block probe " << counted << " (" << sampled
                         << " sampled)");
    REQUIRE(fio.ios > 10000);
    CHECK(std::abs(counted - static_cast<double>(fio.ios)) <= 0.01 * static_cast<double>(fio.ios));
    CHECK(sampled > 1000);
    CHECK(sampled < 0.2 * counted);

    const double blockMedian = percentile(total, 50);
    const double fioMedian = clatPercentile(fio, 50);
    INFO("block Q2C p50 " << blockMedian << " ns, fio clat p50 " << fioMedian << " ns");
    CHECK(blockMedian <= fioMedian);
    CHECK(blockMedian >= fioMedian / 10);
    // The sample is the requests queued and completed in a window: each one's size and Q2C.
    CHECK(totalCount(blockHistogram(record, "block.size_bytes", device.name(), "read")) ==
          totalCount(total));
}

TEST_CASE("record --duty 100: the probe itself times every read fio made", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 3);
    const RunRecord record = recordFioWithBlockProbe(dir, job, {"--duty", "100"});
    CHECK_FALSE(record.run.metadata.contains("record.duty_cycle"));
    CHECK(counterValue(record, "probe.block.sampled_ios") == 0);

    const FioJob& fio = readJob(record);
    const auto total = blockHistogram(record, "block.q2c_ns", device.name(), "read");
    const double counted = static_cast<double>(totalCount(total));
    INFO("fio read IOs " << fio.ios << ", block probe " << counted);
    REQUIRE(fio.ios > 10000);
    CHECK(std::abs(counted - static_cast<double>(fio.ios)) <= 0.01 * static_cast<double>(fio.ios));
    CHECK(percentile(total, 50) <= clatPercentile(fio, 50));
}

TEST_CASE("record --duty 100: biolatency beside it counts the same IOs and latencies",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    checkBesideBiolatency({"--duty", "100"}, 3, 0.10);
}

// In windows iolab times the IOs that run with its programs attached, and those are slower
// than the rest of the run that biolatency also sees: measured on this loop device at depth 32,
// the IOs completed per second in the windows were 14% below the run's (record.io_coverage
// 0.0425 at record.duty_cycle 0.0496) and 19% of biolatency's distribution sat in other log2
// buckets. So the windowed distribution is compared with btt's over the same windows
// (block_phases_test), and here only the count, scaled to the run, with biolatency's.
TEST_CASE("record: in sampling windows the block probe counts biolatency's IOs", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    checkBesideBiolatency({}, 5, std::nullopt);
}
