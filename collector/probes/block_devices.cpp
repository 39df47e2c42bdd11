#include "collector/probes/block_devices.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>

namespace iolab::probes {
namespace {

namespace fs = std::filesystem;

const fs::path kSysBlock = "/sys/block";

std::uint32_t kernelDev(unsigned major, unsigned minor) {
    return (major << 20) | minor;
}

// The disk of a dev_t: /sys/dev/block/M:m links to the disk, or to a partition inside it.
std::optional<std::string> diskOfDev(dev_t dev) {
    const fs::path link = fs::path("/sys/dev/block") /
                          (std::to_string(major(dev)) + ":" + std::to_string(minor(dev)));
    std::error_code error;
    const fs::path target = fs::canonical(link, error);
    if (error) {
        return std::nullopt;
    }
    if (fs::exists(target / "partition", error)) {
        return target.parent_path().filename().string();
    }
    return target.filename().string();
}

} // namespace

DiskStats DiskStats::operator-(const DiskStats& before) const {
    return {reads - before.reads,
            reads_merged - before.reads_merged,
            read_sectors - before.read_sectors,
            writes - before.writes,
            writes_merged - before.writes_merged,
            write_sectors - before.write_sectors,
            discards - before.discards,
            flushes - before.flushes,
            read_ticks_ms - before.read_ticks_ms,
            write_ticks_ms - before.write_ticks_ms,
            io_ticks_ms - before.io_ticks_ms,
            time_in_queue_ms - before.time_in_queue_ms,
            read_at_ns - before.read_at_ns};
}

std::string activeScheduler(const std::string& listing) {
    const auto open = listing.find('[');
    const auto close = listing.find(']', open);
    return open == std::string::npos || close == std::string::npos
               ? listing
               : listing.substr(open + 1, close - open - 1);
}

std::optional<std::string> readSysBlock(const std::string& name, const std::string& relative) {
    std::ifstream in(kSysBlock / name / relative);
    std::string line;
    if (!in || !std::getline(in, line)) {
        return std::nullopt;
    }
    return line;
}

std::optional<BlockDevice> findBlockDevice(const std::string& name) {
    const auto dev = readSysBlock(name, "dev");
    unsigned major = 0;
    unsigned minor = 0;
    if (!dev || std::sscanf(dev->c_str(), "%u:%u", &major, &minor) != 2) {
        return std::nullopt;
    }
    BlockDevice device;
    device.name = name;
    device.kernel_dev = kernelDev(major, minor);
    std::error_code error;
    device.bio_based = !fs::exists(kSysBlock / name / "mq", error);
    return device;
}

std::vector<BlockDevice> listBlockDevices() {
    std::vector<BlockDevice> devices;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kSysBlock, error)) {
        if (auto device = findBlockDevice(entry.path().filename().string())) {
            devices.push_back(std::move(*device));
        }
    }
    std::ranges::sort(devices, {}, &BlockDevice::name);
    return devices;
}

std::optional<std::string> diskOfPath(const fs::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        return std::nullopt;
    }
    return diskOfDev(S_ISBLK(info.st_mode) ? info.st_rdev : info.st_dev);
}

std::vector<std::string> lowerDisks(const std::string& name) {
    std::vector<std::string> lower;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(kSysBlock / name / "slaves", error)) {
        const std::string slave = entry.path().filename().string();
        // A slave may be a partition; its disk is what the block probe sees.
        const auto disk = fs::exists(kSysBlock / slave, error) ? std::optional(slave)
                                                               : diskOfPath("/dev/" + slave);
        if (disk) {
            lower.push_back(*disk);
            for (auto& deeper : lowerDisks(*disk)) {
                lower.push_back(std::move(deeper));
            }
        }
    }
    return lower;
}

std::optional<DiskStats> readDiskStats(const std::string& name) {
    const auto line = readSysBlock(name, "stat");
    if (!line) {
        return std::nullopt;
    }
    DiskStats s;
    unsigned long long f[17] = {};
    const int n = std::sscanf(line->c_str(),
                              "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
                              "%llu %llu %llu %llu",
                              &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9],
                              &f[10], &f[11], &f[12], &f[13], &f[14], &f[15], &f[16]);
    if (n < 11) {
        return std::nullopt;
    }
    s.reads = f[0];
    s.reads_merged = f[1];
    s.read_sectors = f[2];
    s.writes = f[4];
    s.writes_merged = f[5];
    s.write_sectors = f[6];
    s.discards = f[11];
    s.flushes = f[15];
    s.read_ticks_ms = f[3];
    s.write_ticks_ms = f[7];
    s.io_ticks_ms = f[9];
    s.time_in_queue_ms = f[10];
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    s.read_at_ns = static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    return s;
}

void waitUntilIdle(const std::vector<BlockDevice>& devices, std::chrono::milliseconds longest) {
    const auto deadline = std::chrono::steady_clock::now() + longest;
    for (const auto& device : devices) {
        while (std::chrono::steady_clock::now() < deadline) {
            unsigned reads = 0;
            unsigned writes = 0;
            const auto inflight = readSysBlock(device.name, "inflight");
            if (!inflight || std::sscanf(inflight->c_str(), "%u %u", &reads, &writes) != 2 ||
                reads + writes == 0) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
}

} // namespace iolab::probes
