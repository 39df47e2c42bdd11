#include "tests/gui/fixture_db.h"

#include "analyzer/store/store.h"
#include "tests/support/folded_profile.h"

#include <cmath>
#include <set>
#include <string>

namespace iolab::test {
namespace {

constexpr const char* kBaseStacks = R"(
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;submit_bio_noacct;blk_mq_submit_bio;blk_mq_run_hw_queue;loop_queue_rq@loop.ko 310
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;submit_bio_noacct;blk_mq_submit_bio;blk_mq_get_new_requests;__blk_mq_alloc_requests 95
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;bio_alloc_bioset;kmem_cache_alloc 70
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_get_req;kmem_cache_alloc 45
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;bio_iov_iter_get_pages;iov_iter_extract_pages;pin_user_pages_fast 120
    fio;thread_main;do_io;wait_for_completions;io_u_queued_complete;fio_libaioengine_getevents;io_getevents;__x64_sys_io_getevents;do_io_getevents;read_events;aio_read_events 140
    fio;thread_main;do_io;wait_for_completions;io_u_queued_complete;fio_libaioengine_getevents;io_getevents;__x64_sys_io_getevents;do_io_getevents;read_events;schedule;__schedule 85
    fio;thread_main;do_io;get_io_u;fill_io_u;get_next_offset;get_next_rand_offset;__rand64 60
    fio;thread_main;do_io;get_io_u;fio_gettime;clock_gettime;__vdso_clock_gettime 25
    fio;thread_main;do_io;io_u_mark_complete;add_clat_sample;__add_log_sample 40
    fio;thread_main;do_io 30
    kworker/u4:2;worker_thread;process_one_work;loop_process_work@loop.ko;lo_rw_aio@loop.ko;call_read_iter;shmem_file_read_iter;copy_page_to_iter 260
    kworker/u4:2;worker_thread;process_one_work;loop_process_work@loop.ko;lo_rw_aio@loop.ko;call_read_iter;shmem_file_read_iter;shmem_get_folio_gfp;filemap_get_entry 90
    kworker/u4:2;worker_thread;process_one_work;loop_process_work@loop.ko;blk_mq_end_request;blk_update_request;bio_endio;blkdev_bio_end_io_async;aio_complete_rw;aio_complete 110
    swapper;cpu_startup_entry;do_idle;default_idle_call;default_idle;__irq_exit_rcu;handle_softirqs;blk_done_softirq 55
    swapper;cpu_startup_entry;do_idle;default_idle_call;default_idle 180
)";

// The patch: the block layer now takes a lock per request and allocates twice.
constexpr const char* kPatchStacks = R"(
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;submit_bio_noacct;blk_mq_submit_bio;blk_mq_sched_insert_request;_raw_spin_lock;native_queued_spin_lock_slowpath 150
    fio;thread_main;do_io;td_io_queue;fio_libaioengine_queue;io_submit;__x64_sys_io_submit;io_submit_one;aio_read;blkdev_read_iter;__blkdev_direct_IO_async;bio_alloc_bioset;kmem_cache_alloc 75
)";

const std::set<std::string> kUserFrames{"fio",
                                        "thread_main",
                                        "do_io",
                                        "td_io_queue",
                                        "fio_libaioengine_queue",
                                        "io_submit",
                                        "wait_for_completions",
                                        "io_u_queued_complete",
                                        "fio_libaioengine_getevents",
                                        "io_getevents",
                                        "get_io_u",
                                        "fill_io_u",
                                        "get_next_offset",
                                        "get_next_rand_offset",
                                        "__rand64",
                                        "fio_gettime",
                                        "clock_gettime",
                                        "__vdso_clock_gettime",
                                        "io_u_mark_complete",
                                        "add_clat_sample",
                                        "__add_log_sample"};

constexpr double kPercents[] = {1,  5,  10, 20, 30,   40,   50,    60,   70,
                                80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

// Log-linear buckets (each power of two split in four) filled from a log-normal distribution
// with the given median, so histograms look like what the block probe records.
std::vector<HistogramBucket> logNormalBuckets(double medianNs, double sigma, double ios) {
    std::vector<HistogramBucket> buckets;
    const auto cdf = [&](double x) {
        return 0.5 * std::erfc(-std::log(x / medianNs) / (sigma * std::sqrt(2.0)));
    };
    for (int power = 8; power < 24; ++power) {
        const double low = std::ldexp(1.0, power);
        for (int step = 0; step < 4; ++step) {
            const double lower = low + low * step / 4;
            const double upper = low + low * (step + 1) / 4;
            const auto count =
                static_cast<std::uint64_t>(std::llround(ios * (cdf(upper) - cdf(lower))));
            if (count > 0) {
                buckets.push_back(
                    {static_cast<std::uint64_t>(lower), static_cast<std::uint64_t>(upper), count});
            }
        }
    }
    return buckets;
}

LatencySummary logNormalSummary(double medianNs, double sigma) {
    LatencySummary summary;
    summary.mean_ns = medianNs * std::exp(sigma * sigma / 2);
    summary.min_ns = static_cast<std::uint64_t>(medianNs / 8);
    summary.max_ns = static_cast<std::uint64_t>(medianNs * 60);
    summary.stddev_ns = summary.mean_ns * 0.6;
    for (const double percent : kPercents) {
        // Inverse normal by bisection: enough for a fixture.
        double lo = -6;
        double hi = 6;
        for (int i = 0; i < 60; ++i) {
            const double mid = (lo + hi) / 2;
            (0.5 * std::erfc(-mid / std::sqrt(2.0)) < percent / 100 ? lo : hi) = mid;
        }
        summary.percentiles.push_back(
            {percent, static_cast<std::uint64_t>(medianNs * std::exp(sigma * lo))});
    }
    return summary;
}

RunRecord makeRun(const std::string& name, int repetition, bool patched) {
    const double jitter = 1.0 + 0.012 * ((repetition * 7) % 5 - 2);
    const double iops = (patched ? 131'000.0 : 152'000.0) * jitter;
    const double ios = iops * 5;
    const double deviceMedian = (patched ? 118'000.0 : 103'000.0) / jitter;
    RunRecord record;
    Run& run = record.run;
    run.name = name;
    run.tags = {patched ? "patch-v2" : "baseline", "loop0"};
    run.series = patched ? "randread-patch" : "randread-base";
    run.status = RunStatus::Complete;
    run.source = "record";
    run.command = "fio --name=randread --filename=/dev/loop0 --rw=randread --bs=4k --direct=1 "
                  "--ioengine=libaio --iodepth=16 --runtime=5 --time_based --clocksource=cpu";
    run.start_ns = 1'795'000'000'000'000'000 + (patched ? 600 : 0) * 1'000'000'000LL +
                   repetition * 10'000'000'000LL;
    run.end_ns = run.start_ns + 5'200'000'000;
    run.metadata = {{"kernel", "6.18.0-iolab"},        {"host", "bench-vm"},
                    {"cpu", "2 x Intel Xeon (KVM)"},   {"clocksource", "tsc"},
                    {"fio.version", "fio-3.33"},       {"dev.loop0.scheduler", "none"},
                    {"dev.loop0.nr_requests", "128"},  {"dev.loop0.rotational", "0"},
                    {"dev.loop0.read_ahead_kb", "128"}};

    FioJob job;
    job.job = "randread";
    job.direction = "read";
    job.ios = static_cast<std::uint64_t>(ios);
    job.iops = iops;
    job.bandwidth_bytes = static_cast<std::uint64_t>(iops * 4096);
    job.runtime_ms = 5000;
    job.slat = logNormalSummary(2'500, 0.4);
    job.clat = logNormalSummary(deviceMedian * 1.04, 0.35);
    job.lat = logNormalSummary(deviceMedian * 1.07, 0.35);
    job.clat_histogram = logNormalBuckets(deviceMedian * 1.04, 0.35, ios);
    record.fio_jobs.push_back(job);

    const std::map<std::string, std::string> read{{"device", "loop0"}, {"operation", "read"}};
    record.histograms = {
        {"block.queue_ns", read, logNormalBuckets(patched ? 4'800 : 2'900, 0.6, ios)},
        {"block.device_ns", read, logNormalBuckets(deviceMedian, 0.33, ios)},
        {"block.total_ns", read, logNormalBuckets(deviceMedian * 1.03, 0.34, ios)},
        {"block.size_bytes", read, {{4096, 4097, static_cast<std::uint64_t>(ios)}}}};

    std::string stacks = kBaseStacks;
    if (patched) {
        stacks += kPatchStacks;
    }
    record.profile = foldedProfile(stacks, "cpu-clock", "fio", 100);
    for (Frame& frame : record.profile.frames) {
        const bool user = kUserFrames.count(frame.symbol) > 0;
        if (frame.kind != FrameKind::Module) {
            frame.kind = user ? FrameKind::User : FrameKind::Kernel;
            const bool libaio = frame.symbol == "io_submit" || frame.symbol == "io_getevents";
            frame.module = !user ? "[kernel.kallsyms]" : libaio ? "libaio.so.1" : "/usr/bin/fio";
        } else {
            frame.module = "loop";
        }
    }
    for (Sample& sample : record.profile.samples) {
        sample.count =
            static_cast<std::uint64_t>(std::llround(static_cast<double>(sample.count) * jitter));
    }

    const std::vector<Frame> submitStack{
        {"io_submit_one", "[kernel.kallsyms]", FrameKind::Kernel},
        {"blk_mq_submit_bio", "[kernel.kallsyms]", FrameKind::Kernel},
        {"blk_mq_sched_insert_request", "[kernel.kallsyms]", FrameKind::Kernel}};
    const std::vector<Frame> completeStack{
        {"loop_process_work", "loop", FrameKind::Module},
        {"blk_mq_end_request", "[kernel.kallsyms]", FrameKind::Kernel},
        {"aio_complete", "[kernel.kallsyms]", FrameKind::Kernel}};
    const double lockScale = patched ? 6.0 : 1.0;
    record.locks = {{0xffff'8881'0a3c'2d40ULL,
                     "",
                     "spinlock",
                     submitStack,
                     static_cast<std::uint64_t>(ios * 0.04 * lockScale),
                     static_cast<std::uint64_t>(ios * 0.04 * lockScale * 850),
                     42'000,
                     {{512, 1024, 900}, {1024, 2048, 400}},
                     ""},
                    {0xffff'8881'0b10'0080ULL,
                     "",
                     "spinlock",
                     completeStack,
                     static_cast<std::uint64_t>(ios * 0.02),
                     static_cast<std::uint64_t>(ios * 0.02 * 600),
                     18'500,
                     {{256, 512, 700}},
                     ""},
                    {0xffffffff'8a2c'4e60ULL,
                     "loop_ctl_mutex",
                     "mutex",
                     {{"loop_control_ioctl", "loop", FrameKind::Module}},
                     3,
                     1'200'000,
                     700'000,
                     {},
                     ""}};
    const double allocsPerIo = patched ? 2.0 : 1.0;
    record.allocations = {{"kmem_cache", "bio_alloc_bioset", "bio-248", "workload",
                           static_cast<std::uint64_t>(ios * allocsPerIo),
                           static_cast<std::uint64_t>(ios * allocsPerIo * 248)},
                          {"kmem_cache", "aio_get_req", "aio_kiocb", "workload",
                           static_cast<std::uint64_t>(ios), static_cast<std::uint64_t>(ios * 192)},
                          {"kmalloc", "blk_mq_alloc_request", "", "system",
                           static_cast<std::uint64_t>(ios * 0.01),
                           static_cast<std::uint64_t>(ios * 0.01 * 512)},
                          {"page", "shmem_alloc_folio", "", "system", 2'048, 2'048 * 4096}};
    record.clocks = {
        {"fio", 4242, "CLOCK_MONOTONIC", "libc", static_cast<std::uint64_t>(ios * 0.012), false},
        {"fio", 4242, "CLOCK_REALTIME", "syscall", 6, false},
        {"kworker/u4:2", 97, "CLOCK_MONOTONIC", "libc", 1'200, true}};
    record.clock_sources = {{"tsc", 22.0, 170.0, true}, {"kvm-clock", 25.0, 185.0, false}};
    record.counters = {{"block.sysfs.reads", {{"device", "loop0"}}, ios, false},
                       {"block.sysfs.reads_merged", {{"device", "loop0"}}, 0, false},
                       {"cpu.samples", {}, 1'800, false},
                       {"cpu.lost_samples", {}, 0, false},
                       {"block.ringbuf.drops", {}, patched && repetition == 2 ? 14.0 : 0.0, false}};
    return record;
}

} // namespace

void writeFixtureDatabase(const std::filesystem::path& path) {
    store::Store store(path);
    for (int repetition = 0; repetition < 3; ++repetition) {
        store.writeRun(
            makeRun("randread-base-" + std::to_string(repetition + 1), repetition, false));
    }
    for (int repetition = 0; repetition < 3; ++repetition) {
        store.writeRun(
            makeRun("randread-patch-" + std::to_string(repetition + 1), repetition, true));
    }
    RunRecord interrupted = makeRun("randread-ctrl-c", 1, true);
    interrupted.run.series.clear();
    interrupted.run.status = RunStatus::Interrupted;
    interrupted.counters.push_back(
        {"probe.clock.attach_failed", {{"reason", "uprobe: EPERM"}}, 1, false});
    store.writeRun(interrupted);
    Run live = makeRun("randread-live", 4, true).run;
    live.series.clear();
    store.beginRecording(live);
}

void writeSweepFixtureDatabase(const std::filesystem::path& path) {
    store::Store store(path);
    const char* const clocksources[] = {"tsc", "kvm-clock"};
    const char* const schedulers[] = {"none", "mq-deadline"};
    int order = 0;
    for (int repetition = 0; repetition < 3; ++repetition) {
        for (int clock = 0; clock < 2; ++clock) {
            for (int scheduler = 0; scheduler < 2; ++scheduler) {
                const std::string settings = std::string("clocksource=") + clocksources[clock] +
                                             ",dev.loop0.scheduler=" + schedulers[scheduler];
                // kvm-clock as the fixture's slower side: fewer IOPS, more lock waits.
                RunRecord record = makeRun("sweep-" + std::to_string(++order),
                                           repetition + 2 * scheduler, clock == 1);
                record.run.series = "clock-sched/" + settings;
                record.run.tags = {"sweep:clock-sched",
                                   std::string("set:clocksource=") + clocksources[clock],
                                   std::string("set:dev.loop0.scheduler=") + schedulers[scheduler]};
                record.run.metadata["clocksource"] = clocksources[clock];
                record.run.metadata["dev.loop0.scheduler"] = schedulers[scheduler];
                record.run.start_ns = 1'796'000'000'000'000'000 + order * 10'000'000'000LL;
                record.run.end_ns = record.run.start_ns + 5'200'000'000;
                store.writeRun(record);
            }
        }
    }
}

} // namespace iolab::test
