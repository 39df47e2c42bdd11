/* Shared by block_latency.bpf.c and its loader collector/probes/block_latency.cpp: the one seam
 * between them. Fixed-width and padding-free so both compilers agree on the layout. */
#ifndef IOLAB_BPF_BLOCK_LATENCY_H
#define IOLAB_BPF_BLOCK_LATENCY_H

#include "loglinear.h"

/* Devices watched at once; the loader fills the slot table `targ_devs` with their dev_t. */
#define BLOCK_MAX_SLOTS 16
/* Bios of one request whose Q2C is timed at its completion; the rest are counted. */
#define BLOCK_CHAIN_MAX 256
/* The slowest requests each CPU keeps (a power of two: the index is masked to it). */
#define BLOCK_SLOWEST_MAX 64
/* Frames of a submitter's kernel stack kept for the slowest requests (in the stack map). */
#define BLOCK_STACK_DEPTH 64
/* Frames of its user stack, kept in the bio's own entry: user stacks of programs built without
 * frame pointers end in addresses that differ from call to call, and filled a stack map of 4,096
 * (37% of them lost to collisions, fio on a loop device); the innermost 8 hold the call site. */
#define BLOCK_USER_DEPTH 8
#define BLOCK_COMM_LEN 16

/* Operations (the histogram's `operation` dimension). */
enum block_op {
    BLOCK_OP_READ = 0,
    BLOCK_OP_WRITE = 1,
    BLOCK_OP_FLUSH = 2,
    BLOCK_OP_DISCARD = 3,
    BLOCK_OP_OTHER = 4,
    BLOCK_OPS = 5,
};

/* Metrics (the histogram's name): blktrace's phases, each between two tracepoints stamped with
 * bpf_ktime_get_ns(). Q: block_bio_queue, G: block_getrq, I: block_rq_insert, D: block_rq_issue,
 * C: block_rq_complete (bio-based devices: block_bio_complete), M: block_bio_{back,front}merge. */
enum block_metric {
    BLOCK_METRIC_Q2G = 0,  /* per request: bio queued -> request allocated (holds the tag wait) */
    BLOCK_METRIC_G2I = 1,  /* per request: allocated -> inserted into the IO scheduler */
    BLOCK_METRIC_I2D = 2,  /* per request: inserted -> issued to the driver */
    BLOCK_METRIC_D2C = 3,  /* per request: issued -> completed */
    BLOCK_METRIC_Q2C = 4,  /* per bio (as btt): queued -> its request (or itself) completed */
    BLOCK_METRIC_Q2M = 5,  /* per merged bio: queued -> merged into a request */
    BLOCK_METRIC_SIZE = 6, /* per completed request (or bio on a bio-based device): bytes */
    BLOCK_METRICS = 7,
};

#define BLOCK_HIST_KEYS (BLOCK_MAX_SLOTS * BLOCK_OPS * BLOCK_METRICS)

static inline __u32 block_hist_key(__u32 slot, __u32 op, __u32 metric) {
    return (slot * BLOCK_OPS + op) * BLOCK_METRICS + metric;
}

/* The value of the per-CPU array `hists`, one per block_hist_key(); user space sums CPUs. */
struct block_hist {
    __u64 buckets[LOGLIN_BUCKETS];
};

/* Events of one device counted in the windows. */
struct block_slot_counters {
    __u64 unqueued;      /* requests completed whose first bio was not seen queued: not timed */
    __u64 back_merges;   /* bios merged at the back of a request */
    __u64 front_merges;  /* bios merged at the front of a request */
    __u64 splits;        /* bios split to the queue's limits */
    __u64 requeues;      /* requests requeued by the driver */
    __u64 plugs;         /* plugs started on the queue */
    __u64 unplugs;       /* plugs flushed to the queue */
    __u64 unplugged_ios; /* requests those unplugs moved (IOs per unplug = this / unplugs) */
};

/* The value of the single-entry per-CPU array `counters`. */
struct block_counters {
    __u64 unknown_device;        /* completions on a device outside the slot table */
    __u64 bio_map_full;          /* bios not timed: the bio in-flight map was full */
    __u64 rq_map_full;           /* requests not timed: the request in-flight map was full */
    __u64 bio_unmatched;         /* bio-based completions whose queueing was not seen */
    __u64 chain_truncated;       /* requests with more than BLOCK_CHAIN_MAX bios */
    __u64 kernel_stamps_checked; /* requests whose kernel stamps were compared with ours */
    __u64 kernel_stamps_cached;  /* of those: allocation stamp == issue stamp, though G2D > 0 */
    __u64 stacks_lost;           /* submitters' kernel stacks bpf_get_stackid could not store */
    struct block_slot_counters slots[BLOCK_MAX_SLOTS];
};

/* In-flight key: a request or bio pointer (tp_btf, raw_tp), or a sector (classic tracepoints,
 * which expose no pointer) with the device. */
struct block_inflight_key {
    __u64 id;
    __u64 dev;
};

/* A bio seen queued: its Q and G stamps (0 when not seen), and who queued it (the stacks only
 * while the slowest requests are kept; kernel_stack negative: not taken). */
struct block_bio_stamps {
    __u64 q_ns;
    __u64 g_ns;
    __u64 bytes; /* bio-based devices: the size at queueing */
    __u32 slot;
    __u32 op;
    __u32 tgid;
    __s32 kernel_stack; /* in `stacks` */
    char comm[BLOCK_COMM_LEN];
    __u64 user_stack[BLOCK_USER_DEPTH]; /* innermost first; 0 past the last frame */
};

/* A request in flight: the stamps of its first bio and its own. */
struct block_rq_stamps {
    __u64 first_bio; /* the id of the bio its stamps came from */
    __u64 q_ns;
    __u64 g_ns;
    __u64 i_ns;
    __u64 d_ns;
};

/* One of the slowest requests: its stamps (CLOCK_MONOTONIC ns; 0 when not seen; Q and C always
 * seen) and its first bio's submitter. */
struct block_slow_io {
    __u64 q_ns;
    __u64 g_ns;
    __u64 i_ns;
    __u64 d_ns;
    __u64 c_ns;
    __u64 sector;
    __u64 bytes;
    __u32 slot;
    __u32 op;
    __u32 tgid;
    __s32 kernel_stack; /* in `stacks`; negative: not stored */
    char comm[BLOCK_COMM_LEN];
    __u64 user_stack[BLOCK_USER_DEPTH]; /* innermost first; 0 past the last frame */
};

/* The value of the single-entry per-CPU array `slowest`: the slowest_n slowest requests (by Q2C)
 * completed on this CPU, and the fastest of them, the bar a request must pass once full. */
struct block_slowest {
    struct block_slow_io ios[BLOCK_SLOWEST_MAX];
    __u32 count;
    __u32 min_index;
    __u64 min_q2c;
};

#endif /* IOLAB_BPF_BLOCK_LATENCY_H */
