#include "analyzer/model/histogram_stats.h"
#include "collector/probes/block_latency.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

using namespace iolab;
using namespace iolab::test;
using iolab::probes::BlockLatencyProbe;
using iolab::probes::Mechanism;

namespace {

std::string readLine(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// zram0 sized for the test when nobody set it up, reset afterwards; left alone otherwise.
class Zram {
public:
    Zram() {
        if (readLine("/sys/block/zram0/initstate") == "0") {
            std::ofstream("/sys/block/zram0/disksize") << "64M";
            m_initialised = true;
        }
    }
    ~Zram() {
        if (m_initialised) {
            std::ofstream("/sys/block/zram0/reset") << "1";
        }
    }
    Zram(const Zram&) = delete;
    Zram& operator=(const Zram&) = delete;
    Zram(Zram&&) = delete;
    Zram& operator=(Zram&&) = delete;

private:
    bool m_initialised = false;
};

bool haveZram() {
    if (std::filesystem::exists("/sys/block/zram0")) {
        return true;
    }
    WARN("skipped: no zram0 on this machine (the zram module is not loaded)");
    return false;
}

} // namespace

TEST_CASE("record: a bio-based device (zram) is timed at bio level", "[root][record]") {
    if (!requireRoot() || !haveZram()) {
        return;
    }
    Zram zram;
    REQUIRE(readLine("/sys/block/zram0/initstate") == "1");
    TempDir dir;
    const auto job = writeFioJob(dir, "/dev/zram0", "randrw", 2);
    const RunRecord record = recordFioWithBlockProbe(dir, job);
    CHECK(record.run.metadata.at("probe.block.devices") == "zram0(bio)");

    std::uint64_t fioIos = 0;
    for (const FioJob& job : record.fio_jobs) {
        fioIos += job.ios;
    }
    const auto total = blockHistogram(record, "block.total_ns", "zram0", "");
    const auto counted = static_cast<double>(totalCount(total));
    INFO("fio IOs " << fioIos << ", bios timed " << counted);
    REQUIRE(fioIos > 10000);
    CHECK(std::abs(counted - static_cast<double>(fioIos)) <= 0.01 * static_cast<double>(fioIos));
    CHECK(totalCount(blockHistogram(record, "block.total_ns", "zram0", "write")) > 0);
    // A bio-based device has no requests, so no queue or device time.
    CHECK(blockHistogram(record, "block.device_ns", "zram0", "").empty());
}

TEST_CASE("block probe: bio level times zram's IOs under every mechanism", "[root][record]") {
    if (!requireRoot() || !haveZram()) {
        return;
    }
    Zram zram;
    for (const Mechanism mechanism : {Mechanism::RawTp, Mechanism::Tracepoint}) {
        SECTION(std::string(toString(mechanism))) {
            TempDir dir;
            BlockLatencyProbe probe({.force = mechanism});
            probe.attach({-1, {"zram0"}});
            const auto fio =
                runCommand({"fio", writeFioJob(dir, "/dev/zram0", "randrw", 2).string()});
            REQUIRE(fio.exit_code == 0);
            probe.detach();
            RunRecord record;
            probe.collect(record);
            CHECK(record.run.metadata.at("probe.block.mechanism") == toString(mechanism));
            double completed = 0;
            for (const Counter& counter : record.counters) {
                if (counter.name == "block.sysfs.reads" || counter.name == "block.sysfs.writes") {
                    completed += counter.value;
                }
            }
            const auto timed = static_cast<double>(
                totalCount(blockHistogram(record, "block.total_ns", "zram0", "")));
            INFO("the kernel counted " << completed << " IOs, the probe timed " << timed);
            REQUIRE(completed > 10000);
            CHECK(std::abs(timed - completed) <= 0.01 * completed);
        }
    }
}
