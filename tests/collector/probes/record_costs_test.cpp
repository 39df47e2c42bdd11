#include "analyzer/analysis/per_io_costs.h"
#include "collector/probes/clocksource.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fmt/core.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

namespace {

// 4 KiB random reads on `device` where fio reads the clock through libc on every IO.
std::filesystem::path writeClockJob(const iolab::test::TempDir& dir, const std::string& device,
                                    const std::string& extra) {
    const auto path = dir.file("clock.fio");
    std::ofstream(path) << fmt::format("[job]\nfilename={}\nrw=randread\nbs=4k\ndirect=1\n"
                                       "ioengine=libaio\niodepth=32\ntime_based=1\nruntime=3\n"
                                       "clocksource=clock_gettime\n{}\n",
                                       device, extra);
    return path;
}

bool hasKernelFrame(const iolab::StackProfile& profile, const std::string& symbol) {
    for (const iolab::Frame& frame : profile.frames) {
        if (frame.symbol == symbol && frame.kind == iolab::FrameKind::Kernel) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("iolab record: fio's clock reads, allocations, locks and IO-path kernel frames",
          "[root][record][costs]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TestDevice device;
    iolab::test::TempDir dir;
    const auto db = dir.file("runs.db");
    const auto job = writeClockJob(dir, device.path(), "");
    const auto recorded = iolab::test::runCommand(
        {iolab::test::iolabBinary(), "record", "-o", db.string(), "--", "fio", job.string()});
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    const iolab::RunRecord record = iolab::test::onlyRun(db);

    const iolab::analysis::PerIoCosts costs = iolab::analysis::perIoCosts(record);
    CHECK(costs.io_source == "block requests");
    REQUIRE(costs.ios > 10'000);
    CHECK(costs.perIo(static_cast<double>(costs.clock_reads)) > 0.1);
    // libaio on a block device: the aio request on every IO in fio's own context (the bio
    // too, unless it comes from the per-CPU bio cache: between 1.4 and 2 per IO here).
    CHECK(costs.perIo(static_cast<double>(costs.workload_allocations)) >= 1.0);
    CHECK(costs.system_allocations >= costs.workload_allocations);
    CHECK(hasKernelFrame(record.profile, "blk_mq_submit_bio"));
    for (const char* probe : {"clock", "lock", "alloc", "cpu"}) {
        CHECK(record.run.metadata.count(fmt::format("probe.{}.mechanism", probe)) == 1);
    }

    const auto shown =
        iolab::test::runCommand({iolab::test::iolabBinary(), "show", "-o", db.string(), "--json"});
    REQUIRE(shown.exit_code == 0);
    const auto json = nlohmann::json::parse(shown.out);
    CHECK(json["per_io_costs"]["clock_reads_per_io"].get<double>() > 0.1);
    CHECK(json["clock_sources"].size() == 1);
    CHECK(!json["cpu_functions"].empty());
    const auto text =
        iolab::test::runCommand({iolab::test::iolabBinary(), "show", "-o", db.string()});
    CHECK(text.out.find("per-IO costs") != std::string::npos);
    CHECK(text.out.find("top kernel allocation sites") != std::string::npos);
    CHECK(text.out.find("top CPU functions") != std::string::npos);
}

TEST_CASE("iolab record --clocksources: a SIGKILLed recorder still gets the clock source back",
          "[root][record][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const std::string original = iolab::probes::currentClocksource();
    if (iolab::probes::availableClocksources().size() < 2) {
        WARN("only one clock source: nothing to switch to");
        return;
    }
    iolab::test::TempDir dir;
    iolab::test::Spawned recorder({iolab::test::iolabBinary(), "record", "-o",
                                   dir.file("runs.db").string(), "--probe", "clock",
                                   "--clocksources", "--", "sleep", "10"});
    // The switch lasts the few hundred milliseconds one clock source's measurement takes.
    bool switched = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!switched && std::chrono::steady_clock::now() < deadline) {
        switched = iolab::probes::currentClocksource() != original;
    }
    REQUIRE(switched);
    kill(recorder.pid(), SIGKILL);
    recorder.wait();
    std::string now;
    for (int i = 0; i < 100 && (now = iolab::probes::currentClocksource()) != original; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(now == original);
}
