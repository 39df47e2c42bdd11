#pragma once

#include <filesystem>

namespace iolab::test {

// A database with what a user of the GUI sees after a few recordings of fio 4k random reads on
// a loop device: two series of three repetitions (baseline and a patch that costs more per IO),
// an interrupted run and a run left recording. Each run has a CPU profile, block latency
// histograms, fio results, locks, allocations, clock reads and counters.
void writeFixtureDatabase(const std::filesystem::path& path);
// A sweep clock-sched over clocksource=tsc,kvm-clock x dev.loop0.scheduler=none,mq-deadline,
// three runs per cell, interleaved, as `iolab sweep` tags them (kvm-clock the slower side).
void writeSweepFixtureDatabase(const std::filesystem::path& path);

} // namespace iolab::test
