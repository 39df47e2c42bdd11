#pragma once

#include "analyzer/model/run_record.h"
#include "analyzer/model/stack_profile_builder.h"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace iolab::test {

// What one deterministic fio run of the comparison fixtures measured.
struct FioFigures {
    double iops = 100'000;
    double allocs_per_io = 2;
    std::uint64_t submit_samples = 60; // CPU samples in blk_mq_submit_bio
    std::uint64_t lock_samples = 10;   // CPU samples in _raw_spin_lock
};

// A 4k random-read fio run: IOPS, bandwidth, clat percentiles from Little's law at depth 32,
// a block.total_ns histogram, allocations, clock reads, lock waits and a CPU profile.
inline RunRecord fioRecord(const std::string& name, const std::string& series,
                           const FioFigures& figures, std::int64_t startSecond = 0) {
    RunRecord record;
    record.run.name = name;
    record.run.series = series;
    record.run.status = RunStatus::Complete;
    record.run.source = "record";
    record.run.command = "fio --name=randread --rw=randread --bs=4k --iodepth=32";
    record.run.start_ns = (1'790'000'000 + startSecond) * 1'000'000'000LL;
    record.run.end_ns = record.run.start_ns + 2'000'000'000LL;
    record.run.metadata = {{"kernel", "6.18.0"},
                           {"clocksource", "tsc"},
                           {"fio.version", "fio-3.33"},
                           {"dev.loop0.scheduler", "none"}};
    const auto ios = static_cast<std::uint64_t>(figures.iops * 2);
    const double p50 = 32e9 / figures.iops;
    FioJob job;
    job.job = "randread";
    job.direction = "read";
    job.ios = ios;
    job.iops = figures.iops;
    job.bandwidth_bytes = static_cast<std::uint64_t>(figures.iops * 4096);
    job.runtime_ms = 2000;
    job.clat.percentiles = {{50.0, static_cast<std::uint64_t>(p50)},
                            {99.0, static_cast<std::uint64_t>(p50 * 2)},
                            {99.9, static_cast<std::uint64_t>(p50 * 3)}};
    record.fio_jobs.push_back(job);
    const auto edge = static_cast<std::uint64_t>(p50 * 0.8);
    record.histograms.push_back({"block.total_ns",
                                 {{"device", "loop0"}, {"operation", "read"}},
                                 {{edge / 2, edge, ios / 2},
                                  {edge, edge * 2, ios / 2 - ios / 100},
                                  {edge * 2, edge * 4, ios / 100}}});
    record.counters.push_back(
        {"block.sysfs.reads", {{"device", "loop0"}}, static_cast<double>(ios), false});
    record.allocations.push_back({"kmem_cache", "bio_alloc_bioset", "bio-248", "workload",
                                  static_cast<std::uint64_t>(figures.allocs_per_io * ios),
                                  ios * 248});
    record.clocks.push_back({"fio", 4242, "CLOCK_MONOTONIC", "libc", ios / 100, false});
    record.locks.push_back({0, "", "spinlock", {}, ios / 4, ios * 50, 9000, {}, ""});
    StackProfileBuilder builder;
    const Frame fio{"main", "/usr/bin/fio", FrameKind::User};
    const Frame submit{"io_submit", "libaio.so.1", FrameKind::User};
    const Frame bio{"blk_mq_submit_bio", "[kernel.kallsyms]", FrameKind::Kernel};
    const Frame lock{"_raw_spin_lock", "[kernel.kallsyms]", FrameKind::Kernel};
    const Frame events{"io_getevents", "libaio.so.1", FrameKind::User};
    builder.addSample(std::vector<Frame>{fio, submit, bio}, "cpu-clock", "fio", 4242,
                      figures.submit_samples);
    builder.addSample(std::vector<Frame>{fio, submit, bio, lock}, "cpu-clock", "fio", 4242,
                      figures.lock_samples);
    builder.addSample(std::vector<Frame>{fio, events}, "cpu-clock", "fio", 4242, 30);
    record.profile = builder.take();
    return record;
}

// Repetitions: the IOPS of each run given, every other figure as in `figures`.
inline std::vector<RunRecord> fioSeries(const std::string& series, const std::vector<double>& iops,
                                        FioFigures figures = {}) {
    std::vector<RunRecord> records;
    for (std::size_t i = 0; i < iops.size(); ++i) {
        figures.iops = iops[i];
        records.push_back(fioRecord(series + "-" + std::to_string(i + 1), series, figures,
                                    static_cast<std::int64_t>(i) * 10));
    }
    return records;
}

} // namespace iolab::test
