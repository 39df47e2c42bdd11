#include "analyzer/model/histogram_stats.h"
#include "collector/probes/block_latency.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>

using namespace iolab;
using namespace iolab::test;
using iolab::probes::BlockLatencyProbe;
using iolab::probes::Mechanism;

namespace {

double counter(const RunRecord& record, const std::string& name) {
    for (const Counter& c : record.counters) {
        if (c.name == name) {
            return c.value;
        }
    }
    FAIL("no counter " << name);
    return 0;
}

// Runs 2 s of fio random reads under a block probe made with `options`.
RunRecord measure(const TestDevice& device, const iolab::probes::BlockOptions& options) {
    TempDir dir;
    BlockLatencyProbe probe(options);
    probe.attach({-1, {device.name()}});
    const auto fio = runCommand({"fio", writeFioJob(dir, device.path(), "randread", 2).string()});
    REQUIRE(fio.exit_code == 0);
    probe.detach();
    RunRecord record;
    probe.collect(record);
    return record;
}

} // namespace

TEST_CASE("block probe: every mechanism counts and times the device's reads", "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    for (const Mechanism mechanism : {Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint}) {
        SECTION(std::string(toString(mechanism))) {
            const RunRecord record = measure(device, {.force = mechanism});
            CHECK(record.run.metadata.at("probe.block.mechanism") == toString(mechanism));
            CHECK(record.run.metadata.at("probe.block.timing") == "tracepoints");
            const double reads = counter(record, "block.sysfs.reads");
            const auto counted = static_cast<double>(
                totalCount(blockHistogram(record, "block.size_bytes", device.name(), "read")));
            INFO("kernel counted " << reads << " reads, the probe " << counted);
            REQUIRE(reads > 10000);
            CHECK(std::abs(counted - reads) <= 0.01 * reads);
            CHECK(counter(record, "probe.block.rq_map_full") == 0);
            CHECK(counter(record, "probe.block.bio_map_full") == 0);
            // Every read was queued by fio while the probe ran: all have a Q2C and a D2C.
            for (const char* phase : {"block.q2c_ns", "block.d2c_ns", "block.q2g_ns"}) {
                INFO(phase);
                const auto histogram = blockHistogram(record, phase, device.name(), "read");
                CHECK(static_cast<double>(totalCount(histogram)) >= 0.99 * counted);
                CHECK(percentile(histogram, 50) > 0);
            }
        }
    }
}
