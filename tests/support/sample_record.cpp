#include "tests/support/sample_record.h"

namespace iolab::test {
namespace {

LatencySummary latency(std::uint64_t base) {
    return {base,
            base * 40,
            base * 2.5,
            base * 0.75,
            {{50.0, base * 2}, {99.0, base * 9}, {99.9, base * 20}}};
}

StackProfile profile() {
    StackProfile p;
    p.frames = {{"main", "/usr/bin/fio", FrameKind::User},
                {"io_submit", "libaio.so.1", FrameKind::User},
                {"blk_mq_submit_bio", "[kernel.kallsyms]", FrameKind::Kernel},
                {"lock_conflict", "foo.ko", FrameKind::Module}};
    p.nodes = {{StackNode::kNoParent, 0}, {0, 1}, {1, 2}, {1, 3}};
    p.samples = {{2, "cpu-clock", "fio job 1", 4242, 17},
                 {3, "cpu-clock", "fio job 1", 4242, 3},
                 {0, "block:block_rq_issue", "kworker/0:1", 12, 1}};
    p.edges = {{1, 3, "CPU_CLK_UNHALTED", 250}};
    return p;
}

} // namespace

RunRecord sampleRecord(const std::string& name) {
    RunRecord record;
    record.run.name = name;
    record.run.tags = {"baseline", "patch-v2"};
    record.run.series = "series-1";
    record.run.provenance = {"4f1c9e2", "main", "build-77"};
    record.run.status = RunStatus::Complete;
    record.run.source = "record";
    record.run.command = "fio examples/randread.fio";
    record.run.start_ns = 1'700'000'000'000'000'000;
    record.run.end_ns = 1'700'000'005'000'000'000;
    record.run.metadata = {
        {"kernel", "6.18.44"}, {"clocksource", "tsc"}, {"dev.loop0.scheduler", "none"}};

    FioJob job;
    job.job = "randread";
    job.direction = "read";
    job.ios = 1'550'000;
    job.iops = 310'000.5;
    job.bandwidth_bytes = 1'269'760'000;
    job.runtime_ms = 5000;
    job.slat = latency(1000);
    job.clat = latency(50'000);
    job.lat = latency(52'000);
    job.clat_histogram = {{40'000, 41'000, 10}, {41'000, 42'000, 99}};
    record.fio_jobs.push_back(job);
    job.direction = "write";
    job.error = 5;
    job.clat_histogram.clear();
    record.fio_jobs.push_back(job);

    record.histograms = {{"block.device_ns",
                          {{"device", "loop0"}, {"operation", "read"}},
                          {{1024, 1152, 7}, {1152, 1280, 3}}},
                         {"block.size_bytes", {{"device", "loop0"}}, {{4096, 4097, 1'550'000}}}};
    record.profile = profile();
    record.locks = {{0xffff'8880'0123'4560ULL,
                     "",
                     "spinlock",
                     {{"blk_mq_submit_bio", "[kernel.kallsyms]", FrameKind::Kernel},
                      {"_raw_spin_lock", "[kernel.kallsyms]", FrameKind::Kernel}},
                     420,
                     123'456,
                     9'999,
                     {{512, 1024, 400}, {1024, 2048, 20}},
                     "kmalloc-1k"}};
    record.allocations = {
        {"kmem_cache", "bio_alloc_bioset", "bio-248", "workload", 1'550'000, 384'400'000},
        {"kmalloc", "aio_get_req", "", "system", 12, 2048}};
    record.clocks = {{"fio", 4242, "CLOCK_MONOTONIC", "libc", 7'750'000, true},
                     {"fio", 4242, "CLOCK_REALTIME", "syscall", 3, false}};
    record.clock_sources = {{"tsc", 22.0, 170.0, true}, {"kvm-clock", 25.0, 185.0, false}};
    // As the block probe writes the kernel's exact counts (/sys/block/loop0/stat).
    record.counters = {{"block.sysfs.reads", {{"device", "loop0"}}, 1'550'000, false},
                       {"probe.lost_events", {}, 0, false}};
    // The two slowest requests: one with every phase, one issued directly (no insertion).
    record.slow_ios = {{"loop0",
                        "read",
                        2048,
                        4096,
                        1'000'000,
                        900'000,
                        600'000,
                        2'000,
                        1'000,
                        297'000,
                        4242,
                        "fio",
                        {{"__x64_sys_io_submit", "[kernel.kallsyms]", FrameKind::Kernel},
                         {"submit_bio", "[kernel.kallsyms]", FrameKind::Kernel}},
                        {{"main", "/usr/bin/fio", FrameKind::User},
                         {"io_submit", "libaio.so.1", FrameKind::User}}},
                       {"loop0",
                        "write",
                        8,
                        131072,
                        2'000'000,
                        500'000,
                        1'500,
                        std::nullopt,
                        std::nullopt,
                        498'500,
                        77,
                        "kworker/u8:1",
                        {{"wb_workfn", "[kernel.kallsyms]", FrameKind::Kernel}},
                        {}}};
    return record;
}

} // namespace iolab::test
