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
using iolab::probes::BlockOptions;
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
RunRecord measure(const TestDevice& device, const BlockOptions& options) {
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

TEST_CASE("block probe: every mechanism and timing method counts the device's reads",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    struct Case {
        BlockOptions options;
        const char* mechanism;
        const char* timing;
    };
    const Case cases[] = {
        {{Mechanism::TpBtf, true}, "tp_btf", "inflight-map"},
        {{Mechanism::RawTp, false}, "raw_tp", "kernel-stamps"},
        {{Mechanism::Tracepoint, false}, "tracepoint", "inflight-map"},
    };
    for (const Case& c : cases) {
        SECTION(std::string(c.mechanism) + " " + c.timing) {
            const RunRecord record = measure(device, c.options);
            CHECK(record.run.metadata.at("probe.block.mechanism") == c.mechanism);
            CHECK(record.run.metadata.at("probe.block.timing") == c.timing);
            const double reads = counter(record, "block.sysfs.reads");
            const auto counted = static_cast<double>(
                totalCount(blockHistogram(record, "block.total_ns", device.name(), "read")));
            INFO("kernel counted " << reads << " reads, the probe " << counted);
            REQUIRE(reads > 10000);
            CHECK(std::abs(counted - reads) <= 0.01 * reads);
            CHECK(counter(record, "probe.block.inflight_full") == 0);
            CHECK(percentile(blockHistogram(record, "block.device_ns", device.name(), "read"), 50) >
                  0);
        }
    }
}
