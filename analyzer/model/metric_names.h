#pragma once

// The names of metrics and counters that writers (probes, importers) and readers (analysis,
// views) share: one spelling, in one place.
namespace iolab::metrics {

// Block-layer latency histograms per device and operation, written by the block probe.
inline constexpr const char* kBlockQueueNs = "block.queue_ns";
inline constexpr const char* kBlockDeviceNs = "block.device_ns";
inline constexpr const char* kBlockTotalNs = "block.total_ns";
inline constexpr const char* kBlockSizeBytes = "block.size_bytes";

} // namespace iolab::metrics
