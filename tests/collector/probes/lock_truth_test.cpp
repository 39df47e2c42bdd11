// Lock contentions against a program that contends a kernel mutex an exactly known number of
// times (pipe_handoff: one wait on a pipe's mutex per round), checked first against the
// kernel's own count (perf stat on lock:contention_begin, mutex sleeps only), then recorded
// through `iolab record` at the defaults and with --duty 100.
#include "analyzer/analysis/window_estimate.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>

namespace {

std::string handoffProgram() {
    return std::string(IOLAB_PROBE_PROGRAMS) + "/iolab_probe_pipe_handoff";
}

// The waits the program states it made ("contentions N").
double statedContentions(const std::string& output) {
    const auto line = output.find("contentions ");
    REQUIRE(line != std::string::npos);
    long contentions = 0;
    REQUIRE(std::sscanf(output.c_str() + line, "contentions %ld", &contentions) == 1);
    return static_cast<double>(contentions);
}

// Records pipe_handoff `rounds` with `recordOptions`; returns the stated count and the run.
std::pair<double, iolab::RunRecord> recordHandoff(int rounds,
                                                  const std::vector<std::string>& recordOptions) {
    iolab::test::TempDir dir;
    const auto db = dir.file("runs.db");
    std::vector<std::string> argv{iolab::test::iolabBinary(), "record", "-o", db.string()};
    argv.insert(argv.end(), recordOptions.begin(), recordOptions.end());
    argv.insert(argv.end(), {"--", handoffProgram(), std::to_string(rounds)});
    const auto recorded = iolab::test::runCommand(argv);
    INFO(recorded.err);
    REQUIRE(recorded.exit_code == 0);
    return {statedContentions(recorded.out), iolab::test::onlyRun(db)};
}

// The pipe's mutex, waited on in pipe_write (anon_pipe_write on newer kernels): its waits are
// within `tolerance` of the truth, and it is the workload's most waited-on lock. The rest of
// the workload's contentions are incidental (the scheduler's spinlocks when the program wakes
// its threads: up to 60% more on a loaded machine), so the run's total is at least the truth and,
// when estimated, states an interval.
void checkContentions(const iolab::RunRecord& record, double truth, double tolerance) {
    const auto total = iolab::analysis::findEstimate(record, "lock.contentions");
    REQUIRE(total);
    const auto pipeMutex = std::ranges::find_if(record.locks, [](const iolab::LockStat& lock) {
        return lock.kind == "mutex" &&
               std::ranges::any_of(lock.stack, [](const iolab::Frame& frame) {
                   return frame.symbol.find("pipe_write") != std::string::npos;
               });
    });
    REQUIRE(pipeMutex != record.locks.end());
    const auto waits = static_cast<double>(pipeMutex->contentions);
    INFO("true " << truth << ", iolab " << waits << " on the pipe's mutex, " << total->value
                 << " ± " << total->ci95.value_or(-1) << " in all (" << total->method << ")");
    CHECK(std::abs(waits - truth) <= tolerance * truth);
    CHECK(total->value + total->ci95.value_or(0) >= truth);
    for (const iolab::LockStat& lock : record.locks) {
        CHECK(lock.contentions <= pipeMutex->contentions);
    }
}

void checkRounds(int rounds) {
    // The construction holds on this kernel: one mutex sleep per round (lock:contention_begin
    // with the mutex flag alone: a mutex's optimistic spin reports the spin flag too).
    const auto perf =
        iolab::test::runCommand({"perf", "stat", "-x,", "-e", "lock:contention_begin", "--filter",
                                 "flags == 32", handoffProgram(), std::to_string(rounds)});
    REQUIRE(perf.exit_code == 0);
    const double stated = statedContentions(perf.out);
    CHECK(stated == rounds);
    CHECK(static_cast<double>(iolab::test::perfStatCount(perf.err, "lock:contention_begin")) ==
          Approx(stated).epsilon(0.001));
    {
        const auto [truth, record] = recordHandoff(rounds, {});
        checkContentions(record, truth, 0.02);
    }
    const auto [truth, record] = recordHandoff(rounds, {"--duty", "100"});
    checkContentions(record, truth, 0.001);
}

} // namespace

// 10,000 waits at about 1 us of probe time each stay within the lock probe's counting budget:
// counted exactly at the defaults too.
TEST_CASE("lock ground truth: 10,000 pipe mutex waits", "[root][record][lock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    checkRounds(10000);
}
