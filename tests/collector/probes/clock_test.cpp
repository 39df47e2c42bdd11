#include "collector/probes/clock.h"
#include "collector/probes/clocksource.h"
#include "collector/probes/uprobe_site.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using iolab::probes::ClockOptions;
using iolab::probes::ClockProbe;

namespace {

const iolab::ClockStat* findClock(const iolab::RunRecord& record, const std::string& path,
                                  const std::string& clockId) {
    for (const iolab::ClockStat& stat : record.clocks) {
        if (stat.path == path && stat.clock_id == clockId) {
            return &stat;
        }
    }
    return nullptr;
}

double counter(const iolab::RunRecord& record, const std::string& name) {
    for (const iolab::Counter& c : record.counters) {
        if (c.name == name) {
            return c.value;
        }
    }
    return -1;
}

// The reads of the last started process named `process`: fio's job, not its parent, which
// reads the clock while it waits, as often as the run is long.
std::uint64_t readsOfLast(const iolab::RunRecord& record, const std::string& process) {
    std::int64_t last = -1;
    for (const iolab::ClockStat& stat : record.clocks) {
        if (stat.process == process) {
            last = std::max(last, stat.pid);
        }
    }
    std::uint64_t reads = 0;
    for (const iolab::ClockStat& stat : record.clocks) {
        if (stat.pid == last) {
            reads += stat.reads;
        }
    }
    return reads;
}

// Runs the clock_calls program with `args` as the tracked workload under `probe`, collects into
// `record`; returns what the program printed. With `budgeted`, as in a recording with sampling
// windows (that never open): the libc uprobe keeps to its budget.
std::string recordClockCalls(ClockProbe& probe, const std::vector<std::string>& args,
                             iolab::RunRecord& record, bool budgeted = false) {
    iolab::probes::SamplingWindows windows({});
    iolab::test::TrackedTgids tracked;
    std::vector<std::string> argv{iolab::test::probeProgram("clock_calls")};
    argv.insert(argv.end(), args.begin(), args.end());
    iolab::test::GatedChild child(argv);
    tracked.add(child.pid());
    iolab::probes::ProbeScope scope;
    scope.tracked_tgids_fd = tracked.fd();
    scope.windows = budgeted ? &windows : nullptr;
    probe.attach(scope);
    child.release();
    REQUIRE(child.wait() == 0);
    probe.detach();
    probe.collect(record);
    return child.output();
}

} // namespace

TEST_CASE("CostBucket: a burst, then a sustained share", "[clock]") {
    iolab::probes::CostBucket budget({.burst_ns = 100, .cpu_share = 0.01});
    CHECK(budget.spend(60, 0));
    CHECK(budget.spend(40, 0));
    CHECK(budget.spend(10, 1000)); // 1000 ns at 1% refilled 10
    CHECK_FALSE(budget.spend(1, 0));
}

TEST_CASE("emulatedBreakpointOffset: the first conditional jump after plain instructions",
          "[clock]") {
    using iolab::probes::emulatedBreakpointOffset;
    // glibc 2.36's clock_gettime: mov rax,[rip+d]; mov rax,[rax+0x2e0]; test rax,rax; je
    const std::vector<std::uint8_t> glibc{0x48, 0x8b, 0x05, 0x71, 0x3a, 0x10, 0x00, 0x48,
                                          0x8b, 0x80, 0xe0, 0x02, 0x00, 0x00, 0x48, 0x85,
                                          0xc0, 0x74, 0x15, 0x48, 0x83, 0xec, 0x08};
    CHECK(emulatedBreakpointOffset(glibc) == 17);
    // endbr64 first, then a jump.
    CHECK(emulatedBreakpointOffset(std::vector<std::uint8_t>{0xf3, 0x0f, 0x1e, 0xfa, 0x75, 0x02}) ==
          4);
    // A push, or a SIB operand: not known, so the entry.
    CHECK(emulatedBreakpointOffset(std::vector<std::uint8_t>{0x55, 0x74, 0x02}) == 0);
    CHECK(emulatedBreakpointOffset(std::vector<std::uint8_t>{0x48, 0x8b, 0x04, 0x24, 0x74}) == 0);
    CHECK(emulatedBreakpointOffset({}) == 0);
}

TEST_CASE("ClockProbe: counts N libc and N syscall reads exactly", "[root][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    constexpr int kCalls = 5000;
    ClockProbe probe;
    iolab::RunRecord record;
    recordClockCalls(probe, {std::to_string(kCalls)}, record);

    const iolab::ClockStat* libc = findClock(record, "libc", "CLOCK_MONOTONIC");
    const iolab::ClockStat* sys = findClock(record, "syscall", "CLOCK_REALTIME");
    REQUIRE(libc != nullptr);
    REQUIRE(sys != nullptr);
    CHECK(libc->reads == kCalls);
    CHECK_FALSE(libc->estimated);
    CHECK(sys->reads == kCalls);
    CHECK(libc->process == "iolab_probe_clo");
    CHECK(record.run.metadata.at("probe.clock.libc") == "exact");
    CHECK(record.run.metadata.at("probe.clock.mechanism") == "tp_btf");
    CHECK(counter(record, "probe.clock.libc.cost_per_event_ns") > 0);
    REQUIRE(record.clock_sources.size() == 1);
    CHECK(record.clock_sources[0].current);
    CHECK(record.clock_sources[0].vdso_ns > 0);
    CHECK(record.clock_sources[0].syscall_ns > record.clock_sources[0].vdso_ns);
}

TEST_CASE("ClockProbe: past its budget it samples windows and estimates", "[root][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    ClockProbe probe({.period = std::chrono::milliseconds(250)});
    iolab::RunRecord record;
    const std::string output = recordClockCalls(probe, {"--for", "3"}, record, true);

    const double made = std::stod(output);
    const iolab::ClockStat* libc = findClock(record, "libc", "CLOCK_MONOTONIC");
    REQUIRE(libc != nullptr);
    INFO("made " << made << ", estimated " << libc->reads);
    CHECK(libc->estimated);
    CHECK(record.run.metadata.at("probe.clock.libc") == "sampled");
    // The child spends most of a window in traps, so the estimate is a lower bound.
    CHECK(libc->reads > 20'000);
    CHECK(static_cast<double>(libc->reads) < 2.0 * made);
    // Outside the windows the child ran at full speed (unprobed: about 1e7 calls per second).
    CHECK(made > 3e6);
    const double duty = counter(record, "clock.libc_duty_cycle");
    CHECK(duty > 0);
    CHECK(duty < 0.2);
    CHECK(counter(record, "clock.libc_exact_seconds") > 0);
}

TEST_CASE("ClockProbe: fio reads the clock per IO with clocksource=clock_gettime, far less "
          "with gtod_reduce",
          "[root][clock][fio]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const auto readsPerIo = [&](const std::vector<std::string>& extra) {
        ClockProbe probe;
        probe.attach({});
        std::vector<std::string> argv{"fio",
                                      "--name=clk",
                                      "--rw=randread",
                                      "--bs=4k",
                                      "--size=32m",
                                      "--ioengine=psync",
                                      "--number_ios=20000",
                                      "--output-format=json",
                                      "--clocksource=clock_gettime",
                                      "--filename=" + (dir.path() / "fio.dat").string()};
        argv.insert(argv.end(), extra.begin(), extra.end());
        const auto result = iolab::test::runCommand(argv);
        probe.detach();
        REQUIRE(result.exit_code == 0);
        iolab::RunRecord record;
        probe.collect(record);
        const auto json = nlohmann::json::parse(result.out.substr(result.out.find('{')));
        const double ios = json["jobs"][0]["read"]["total_ios"].get<double>();
        REQUIRE(ios > 0);
        return static_cast<double>(readsOfLast(record, "fio")) / ios;
    };
    const double full = readsPerIo({});
    const double reduced = readsPerIo({"--gtod_reduce=1"});
    // Without sampling windows every call is counted: these are counts, not estimates.
    INFO("reads per IO: " << full << " vs " << reduced << " with gtod_reduce");
    CHECK(full > 0.5);
    CHECK(reduced < full * 0.6);
}

TEST_CASE("ClocksourceSwitcher: a SIGKILLed recorder still gets its clock source back",
          "[root][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const std::string original = iolab::probes::currentClocksource();
    std::string other;
    for (const std::string& name : iolab::probes::availableClocksources()) {
        if (name != original) {
            other = name;
        }
    }
    if (other.empty()) {
        WARN("only one clock source: nothing to switch to");
        return;
    }
    iolab::test::TempDir dir;
    const std::string stateFile = (dir.path() / "clocksource.state").string();
    int ready[2];
    REQUIRE(pipe(ready) == 0);
    const pid_t recorder = fork();
    if (recorder == 0) {
        close(ready[0]);
        iolab::probes::ClocksourceSwitcher switcher(stateFile);
        switcher.switchTo(other);
        const char byte = 1;
        (void)!write(ready[1], &byte, 1);
        pause();
        _exit(0);
    }
    close(ready[1]);
    char byte = 0;
    REQUIRE(read(ready[0], &byte, 1) == 1);
    close(ready[0]);
    CHECK(iolab::probes::currentClocksource() == other);
    kill(recorder, SIGKILL);
    waitpid(recorder, nullptr, 0);
    std::string now;
    for (int i = 0; i < 100 && (now = iolab::probes::currentClocksource()) != original; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(now == original);
}

TEST_CASE("measureAllClocksources: measures each and restores the original", "[root][clock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const std::string original = iolab::probes::currentClocksource();
    const auto costs = iolab::probes::measureAllClocksources();
    CHECK(iolab::probes::currentClocksource() == original);
    CHECK(costs.size() == iolab::probes::availableClocksources().size());
    int current = 0;
    for (const iolab::ClockSourceCost& cost : costs) {
        CHECK(cost.vdso_ns > 0);
        CHECK(cost.syscall_ns > 0);
        current += cost.current ? 1 : 0;
    }
    CHECK(current == 1);
}
