#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace iolab::probes {

// A whole disk as /sys/block lists it.
struct BlockDevice {
    std::string name;             // "loop0"
    std::uint32_t kernel_dev = 0; // MKDEV(major, minor) packed as the kernel does (major << 20)
    bool bio_based = false;       // no request queue (zram, dm, md): timed at bio level
};

// The counters of /sys/block/NAME/stat (Documentation/block/stat.rst).
struct DiskStats {
    std::uint64_t reads = 0;
    std::uint64_t reads_merged = 0;
    std::uint64_t read_sectors = 0;
    std::uint64_t writes = 0;
    std::uint64_t writes_merged = 0;
    std::uint64_t write_sectors = 0;
    std::uint64_t discards = 0;
    std::uint64_t flushes = 0;
    std::uint64_t read_ticks_ms = 0;    // time reads spent from start to completion, summed
    std::uint64_t write_ticks_ms = 0;   // the same for writes
    std::uint64_t io_ticks_ms = 0;      // time the device had IO in flight
    std::uint64_t time_in_queue_ms = 0; // time in flight summed over the IOs (weighted)
    std::int64_t read_at_ns = 0;        // CLOCK_MONOTONIC when the counters were read

    DiskStats operator-(const DiskStats& before) const;
};

// Every disk under /sys/block, sorted by name.
std::vector<BlockDevice> listBlockDevices();
// The disk called `name`; nullopt when /sys/block/NAME does not exist.
std::optional<BlockDevice> findBlockDevice(const std::string& name);
// The disk holding `path`: the device itself for a block device node (a partition maps to its
// disk), the disk of the file system for anything else. nullopt when none can be found.
std::optional<std::string> diskOfPath(const std::filesystem::path& path);
// The disks below a stacked device (dm, md): /sys/block/NAME/slaves, recursively.
std::vector<std::string> lowerDisks(const std::string& name);
// nullopt when the file is missing or unreadable.
std::optional<DiskStats> readDiskStats(const std::string& name);
// Waits until none of `devices` has IO in flight (/sys/block/NAME/inflight), at most `longest`.
void waitUntilIdle(const std::vector<BlockDevice>& devices, std::chrono::milliseconds longest);
// The active scheduler of a queue/scheduler listing: sysfs brackets it, "none [mq-deadline]".
std::string activeScheduler(const std::string& listing);
// The first line of /sys/block/NAME/RELATIVE, without its newline; nullopt when unreadable.
std::optional<std::string> readSysBlock(const std::string& name, const std::string& relative);

} // namespace iolab::probes
