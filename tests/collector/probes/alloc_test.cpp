#include "collector/probes/alloc.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <thread>

using iolab::probes::AllocProbe;
using iolab::probes::Mechanism;

namespace {

std::uint64_t countOf(const iolab::RunRecord& record, const std::string& kind,
                      const std::string& scope) {
    std::uint64_t total = 0;
    for (const iolab::AllocStat& stat : record.allocations) {
        if (stat.kind == kind && stat.scope == scope) {
            total += stat.count;
        }
    }
    return total;
}

// Runs alloc_maker under the probe and `perf stat -p` at once; returns the perf report.
std::string recordAllocMaker(AllocProbe& probe, iolab::RunRecord& record) {
    iolab::test::TrackedTgids tracked;
    iolab::test::GatedChild child({iolab::test::probeProgram("alloc_maker"), "20000"});
    tracked.add(child.pid());
    iolab::probes::ProbeScope scope;
    scope.tracked_tgids_fd = tracked.fd();
    probe.attach(scope);
    auto perf = std::async(std::launch::async, [pid = child.pid()] {
        return iolab::test::runCommand({"perf", "stat", "-x,", "-e", "kmem:kmalloc", "-e",
                                        "kmem:kmem_cache_alloc", "-p", std::to_string(pid)});
    });
    // perf stat prints nothing when it is ready: give it time to attach to the idle child.
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    child.release();
    REQUIRE(child.wait() == 0);
    const iolab::test::CommandResult perfResult = perf.get();
    probe.detach();
    probe.collect(record);
    return perfResult.err;
}

} // namespace

TEST_CASE("AllocProbe: workload allocations match perf stat within 5%", "[root][alloc]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    AllocProbe probe;
    iolab::RunRecord record;
    const std::string report = recordAllocMaker(probe, record);
    const std::int64_t perfKmalloc = iolab::test::perfStatCount(report, "kmem:kmalloc");
    const std::int64_t perfCache = iolab::test::perfStatCount(report, "kmem:kmem_cache_alloc");
    INFO(report);
    REQUIRE(perfCache > 20000);
    CHECK(static_cast<double>(countOf(record, "kmem_cache", "workload")) ==
          Approx(static_cast<double>(perfCache)).epsilon(0.05));
    CHECK(static_cast<double>(countOf(record, "kmalloc", "workload")) ==
          Approx(static_cast<double>(perfKmalloc)).epsilon(0.05));
    CHECK(countOf(record, "kmem_cache", "system") >= countOf(record, "kmem_cache", "workload"));
    CHECK(record.run.metadata.at("probe.alloc.mechanism") == "tp_btf");

    // Each open makes a struct file from the "filp" cache, allocated in the open path.
    bool filp = false;
    for (const iolab::AllocStat& stat : record.allocations) {
        if (stat.scope == "workload" && stat.cache == "filp" && stat.count >= 20000) {
            filp = true;
            CHECK(!stat.site.empty());
            CHECK(stat.bytes >= stat.count * 64);
        }
    }
    CHECK(filp);
}

TEST_CASE("AllocProbe: every mechanism names caches and counts", "[root][alloc]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    for (const Mechanism mechanism : {Mechanism::RawTp, Mechanism::Tracepoint}) {
        AllocProbe probe({.force = mechanism});
        iolab::RunRecord record;
        recordAllocMaker(probe, record);
        INFO(toString(mechanism));
        // perf stat cannot share a classic tracepoint with a BPF program, so the bound is the
        // struct file each of the 20000 opens allocates.
        CHECK(countOf(record, "kmem_cache", "workload") >= 20000);
        bool filp = false;
        for (const iolab::AllocStat& stat : record.allocations) {
            filp = filp || (stat.scope == "workload" && stat.cache == "filp");
        }
        CHECK(filp);
    }
}
