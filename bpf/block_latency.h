/* Shared by block_latency.bpf.c and its loader collector/probes/block_latency.cpp: the one seam
 * between them. Fixed-width and padding-free so both compilers agree on the layout. */
#ifndef IOLAB_BPF_BLOCK_LATENCY_H
#define IOLAB_BPF_BLOCK_LATENCY_H

#include "loglinear.h"

/* Devices watched at once; the loader fills the slot table `targ_devs` with their dev_t. */
#define BLOCK_MAX_SLOTS 16

/* Operations (the histogram's `operation` dimension). */
enum block_op {
    BLOCK_OP_READ = 0,
    BLOCK_OP_WRITE = 1,
    BLOCK_OP_FLUSH = 2,
    BLOCK_OP_DISCARD = 3,
    BLOCK_OP_OTHER = 4,
    BLOCK_OPS = 5,
};

/* Metrics (the histogram's name). */
enum block_metric {
    BLOCK_METRIC_QUEUE = 0,  /* request allocated (or inserted) -> issued to the driver */
    BLOCK_METRIC_DEVICE = 1, /* issued -> completed */
    BLOCK_METRIC_TOTAL = 2,  /* allocated -> completed; for bio-based devices queued -> done */
    BLOCK_METRIC_SIZE = 3,   /* bytes */
    BLOCK_METRICS = 4,
};

#define BLOCK_HIST_KEYS (BLOCK_MAX_SLOTS * BLOCK_OPS * BLOCK_METRICS)

static inline __u32 block_hist_key(__u32 slot, __u32 op, __u32 metric) {
    return (slot * BLOCK_OPS + op) * BLOCK_METRICS + metric;
}

/* The value of the per-CPU array `hists`, one per block_hist_key(); user space sums CPUs. */
struct block_hist {
    __u64 buckets[LOGLIN_BUCKETS];
};

/* The value of the single-entry per-CPU array `counters`. */
struct block_counters {
    __u64 unstamped;         /* completions with no start stamp and no in-flight entry */
    __u64 unknown_device;    /* completions on a device outside the slot table */
    __u64 inflight_full;     /* requests not timed: the in-flight map was full */
    __u64 bio_inflight_full; /* bios not timed: the bio in-flight map was full */
    __u64 bio_unmatched;     /* bio completions whose queueing was not seen */
    __u64 requeues[BLOCK_MAX_SLOTS];
};

/* In-flight key: a request or bio pointer (tp_btf, raw_tp), or a sector (classic tracepoints,
 * which expose no pointer) with the device. */
struct block_inflight_key {
    __u64 id;
    __u64 dev;
};

struct block_inflight {
    __u64 insert_ns; /* requests: inserted into the queue; bios: queued */
    __u64 issue_ns;  /* requests only */
    __u32 slot;      /* bios only */
    __u32 op;        /* bios only */
    __u64 bytes;     /* bios only */
};

#endif /* IOLAB_BPF_BLOCK_LATENCY_H */
