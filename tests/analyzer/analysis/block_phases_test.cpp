#include "analyzer/analysis/block_phases.h"

#include <catch2/catch.hpp>

using namespace iolab;
using iolab::analysis::blockPhases;

namespace {

const std::map<std::string, std::string> kRead{{"device", "loop0"}, {"operation", "read"}};
const std::map<std::string, std::string> kDevice{{"device", "loop0"}};

// `count` values of exactly `value`: one bucket [value, value + 1).
Histogram constant(const std::string& metric, std::uint64_t value, std::uint64_t count) {
    return {metric, kRead, {{value, value + 1, count}}};
}

} // namespace

TEST_CASE("block phases: phases in btt's order, shares of Q2C by total time", "[analysis]") {
    RunRecord record;
    record.histograms = {constant("block.q2c_ns", 10'000, 100),
                         constant("block.d2c_ns", 6'000, 100),
                         constant("block.q2g_ns", 3'000, 100),
                         constant("block.q2m_ns", 500, 20),
                         constant("block.size_bytes", 4096, 100)};
    const auto phases = blockPhases(record);
    REQUIRE(phases.operations.size() == 1);
    const auto& read = phases.operations[0];
    CHECK(read.device == "loop0");
    CHECK(read.requests == 100);
    REQUIRE(read.phases.size() == 4);
    CHECK(read.phases[0].phase == "Q2G");
    CHECK(read.phases[1].phase == "D2C");
    CHECK(read.phases[2].phase == "Q2M");
    CHECK(read.phases[3].phase == "Q2C");
    CHECK(read.phases[0].share_of_q2c == Approx(0.3).epsilon(0.001));
    CHECK(read.phases[1].share_of_q2c == Approx(0.6).epsilon(0.001));
    // 20 merged bios of 500 ns against 100 of 10 us.
    CHECK(read.phases[2].share_of_q2c == Approx(0.01).epsilon(0.01));
    CHECK(read.phases[3].share_of_q2c == Approx(1.0));
}

TEST_CASE("block phases: a run recorded before phases has none", "[analysis]") {
    RunRecord record;
    record.histograms = {constant("block.total_ns", 10'000, 100)};
    CHECK(blockPhases(record).operations.empty());
}

TEST_CASE("block phases: events, merge ratio and iostat figures per device", "[analysis]") {
    RunRecord record;
    record.histograms = {constant("block.q2c_ns", 10'000, 100)};
    const auto counter = [&](const char* name, double value, bool estimated = false) {
        record.counters.push_back({name, kDevice, value, estimated});
    };
    counter("block.sysfs.reads", 800);
    counter("block.sysfs.writes", 200);
    counter("block.sysfs.reads_merged", 50);
    counter("block.sysfs.writes_merged", 150);
    counter("block.sysfs.read_bytes", 800 * 4096.0);
    counter("block.sysfs.write_bytes", 200 * 65536.0);
    counter("block.sysfs.read_ticks_ms", 400);
    counter("block.sysfs.write_ticks_ms", 300);
    counter("block.sysfs.io_ticks_ms", 1500);
    counter("block.sysfs.time_in_queue_ms", 6000);
    counter("block.sysfs.interval_ms", 2000);
    counter("block.unplugs", 100, true);
    counter("block.unplugged_requests", 250, true);
    counter("block.back_merges", 180, true);
    const auto phases = blockPhases(record);
    REQUIRE(phases.devices.size() == 1);
    const auto& events = phases.devices[0];
    CHECK(phases.windowed);
    CHECK(events.requests == 1000);
    CHECK(events.merges == 200);
    CHECK(events.mergeRatio() == Approx(0.2));
    CHECK(events.requestsPerUnplug() == Approx(2.5));
    CHECK(events.back_merges == 180);
    REQUIRE(events.iostat);
    CHECK(events.iostat->aqu_sz == Approx(3.0));
    CHECK(events.iostat->util_percent == Approx(75.0));
    CHECK(events.iostat->r_await_ms == Approx(0.5));
    CHECK(events.iostat->w_await_ms == Approx(1.5));
    CHECK(events.iostat->rareq_kib == Approx(4.0));
    CHECK(events.iostat->wareq_kib == Approx(64.0));
}
