#include "analyzer/analysis/lock_view.h"
#include "collector/probes/lock.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <numeric>
#include <thread>

using iolab::probes::lockKind;
using iolab::probes::LockProbe;

namespace {

std::uint64_t counterValue(const iolab::RunRecord& record, const std::string& name) {
    for (const iolab::Counter& counter : record.counters) {
        if (counter.name == name) {
            return static_cast<std::uint64_t>(counter.value);
        }
    }
    return 0;
}

bool stackHas(const iolab::LockStat& lock, const std::string& fragment) {
    return std::ranges::any_of(lock.stack, [&](const iolab::Frame& frame) {
        return frame.symbol.find(fragment) != std::string::npos;
    });
}

} // namespace

TEST_CASE("lockKind: decodes the contention_begin flags", "[lock]") {
    CHECK(lockKind(1) == "spinlock");
    CHECK(lockKind(1 | 2) == "rwlock-read");
    CHECK(lockKind(1 | 4) == "rwlock-write");
    CHECK(lockKind(2) == "rwsem-read");
    CHECK(lockKind(4) == "rwsem-write");
    CHECK(lockKind(32) == "mutex");
    CHECK(lockKind(32 | 1) == "mutex");
    CHECK(lockKind(16 | 2) == "percpu-rwsem-read");
    CHECK(lockKind(8 | 32) == "rtmutex");
}

TEST_CASE("LockProbe: mmap_lock contention tops the list and matches perf stat", "[root][lock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    // Both count the contender's own waits, over its whole life: the machine's other
    // contention cannot tip the comparison.
    iolab::test::TrackedTgids tracked;
    iolab::test::GatedChild child(
        {iolab::test::probeProgram("lock_contender"), "3", "16", "--gated"});
    tracked.add(child.pid());
    LockProbe probe({.workload_only = true});
    iolab::probes::ProbeScope scope;
    scope.tracked_tgids_fd = tracked.fd();
    probe.attach(scope);
    CHECK(probe.outcome().mechanism == iolab::probes::Mechanism::TpBtf);
    auto perf = std::async(std::launch::async, [pid = child.pid()] {
        return iolab::test::runCommand(
            {"perf", "stat", "-x,", "-e", "lock:contention_end", "-p", std::to_string(pid)});
    });
    // perf stat prints nothing when it is ready: give it time to attach to the idle threads.
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    child.release();
    REQUIRE(child.wait() == 0);
    const iolab::test::CommandResult perfResult = perf.get();
    probe.detach();
    iolab::RunRecord record;
    probe.collect(record);

    REQUIRE(perfResult.exit_code == 0);
    const std::int64_t perfCount =
        iolab::test::perfStatCount(perfResult.err, "lock:contention_end");
    REQUIRE(perfCount > 100);
    const std::uint64_t ours =
        std::accumulate(
            record.locks.begin(), record.locks.end(), std::uint64_t{0},
            [](std::uint64_t sum, const iolab::LockStat& lock) { return sum + lock.contentions; }) +
        counterValue(record, "lock.unmatched_ends");
    INFO("iolab " << ours << ", perf " << perfCount);
    CHECK(static_cast<double>(ours) == Approx(static_cast<double>(perfCount)).epsilon(0.05));

    REQUIRE(!record.locks.empty());
    const iolab::LockStat& top = record.locks.front();
    INFO("top: " << top.kind << " " << top.contentions);
    CHECK(top.kind.starts_with("rwsem"));
    CHECK((stackHas(top, "mmap") || stackHas(top, "munmap") || stackHas(top, "fault")));
    CHECK(top.contentions > 0);
    REQUIRE(!top.stack.empty());
    CHECK_FALSE(top.stack.back().symbol.starts_with("bpf_"));
    CHECK(top.max_wait_ns <= top.total_wait_ns);
    std::uint64_t histogramCount = 0;
    for (const iolab::HistogramBucket& bucket : top.wait_histogram) {
        histogramCount += bucket.count;
    }
    CHECK(histogramCount == top.contentions);
    CHECK(record.run.metadata.at("probe.lock.mechanism") == "tp_btf");
    // The contended mmap_lock lives in the contender's mm_struct, which the kernel allocates
    // from its own "mm_struct" slab cache (kernel/fork.c; not merged with another cache: it has
    // a usercopy region, and /proc/slabinfo lists it).
    CHECK(record.run.metadata.count("probe.lock.warning") == 0);
    CHECK(top.cache == "mm_struct");
    CHECK(iolab::analysis::LockNames(record.locks).name(top).starts_with("mmap_lock in mm_struct"));
    // A static lock is outside the slab: no cache.
    for (const iolab::LockStat& lock : record.locks) {
        INFO(lock.symbol << " " << lock.cache);
        CHECK((lock.symbol.empty() || lock.cache.empty()));
    }
}

TEST_CASE("LockProbe: the classic tracepoint fallback counts too", "[root][lock]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    LockProbe probe({.force = iolab::probes::Mechanism::Tracepoint});
    probe.attach({});
    iolab::test::runCommand({iolab::test::probeProgram("lock_contender"), "0.5", "16"});
    probe.detach();
    iolab::RunRecord record;
    probe.collect(record);
    CHECK(record.run.metadata.at("probe.lock.mechanism") == "tracepoint");
    CHECK(!record.locks.empty());
    // The contender's mmap_lock is in its mm_struct: named, or the run says why not.
    const bool named = std::ranges::any_of(
        record.locks, [](const iolab::LockStat& lock) { return lock.cache == "mm_struct"; });
    const auto warning = record.run.metadata.find("probe.lock.warning");
    INFO("named: " << named);
    CHECK(named != (warning != record.run.metadata.end()));
}
