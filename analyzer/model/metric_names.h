#pragma once

// The names of metrics and counters that writers (probes, importers) and readers (analysis,
// views) share: one spelling, in one place.
namespace iolab::metrics {

// Block-layer histograms per device and operation, written by the block probe: btt's phases
// (docs/block-phases.md) and the sizes of the completed requests (which count them).
inline constexpr const char* kBlockQ2gNs = "block.q2g_ns";
inline constexpr const char* kBlockG2iNs = "block.g2i_ns";
inline constexpr const char* kBlockI2dNs = "block.i2d_ns";
inline constexpr const char* kBlockD2cNs = "block.d2c_ns";
inline constexpr const char* kBlockQ2cNs = "block.q2c_ns";
inline constexpr const char* kBlockQ2mNs = "block.q2m_ns";
inline constexpr const char* kBlockSizeBytes = "block.size_bytes";

// Written from the kernel's request stamps before the phases; still read from those runs.
inline constexpr const char* kBlockQueueNs = "block.queue_ns";
inline constexpr const char* kBlockDeviceNs = "block.device_ns";
inline constexpr const char* kBlockTotalNs = "block.total_ns";

// The kernel's exact completed requests per device over the run (/sys/block/DEV/stat).
inline constexpr const char* kSysfsReads = "block.sysfs.reads";
inline constexpr const char* kSysfsWrites = "block.sysfs.writes";

} // namespace iolab::metrics
