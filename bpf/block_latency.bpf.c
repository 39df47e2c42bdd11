/* Block-layer phases per device and operation, aggregated in the kernel: blktrace's Q2G, G2I,
 * I2D, D2C, Q2C and Q2M (block_phases.bpf.h holds the handlers and why every stamp is ours),
 * request sizes, and counts of merges, splits, requeues and plugs. Request-based devices are
 * timed request by request; bio-based devices (zram, dm, md) make no requests and get Q2C per
 * bio. Each tracepoint has a tp_btf program, a raw_tp fallback and a classic-tracepoint one;
 * the loader keeps the best mechanism that attaches. */
#include "block_phases.bpf.h"

/* tp_btf: typed arguments. */

static __always_inline __u32 rq_dev(struct request* rq) {
    return disk_dev(BPF_CORE_READ(rq, q, disk));
}

static __always_inline __u32 bio_dev(struct bio* bio) {
    return disk_dev(BPF_CORE_READ(bio, bi_bdev, bd_disk));
}

static __always_inline void rq_complete(__u64 now, struct request* rq) {
    struct bio* first = BPF_CORE_READ(rq, bio);
    const struct block_rq_done done = {.dev = rq_dev(rq),
                                       .op = op_of_flags(BPF_CORE_READ(rq, cmd_flags)),
                                       .sector = BPF_CORE_READ(rq, __sector),
                                       .bytes = BPF_CORE_READ(rq, __data_len),
                                       .first_bio = (__u64)first};
    const int slot = on_rq_complete((__u64)rq, &done, now, BPF_CORE_READ(rq, start_time_ns),
                                    BPF_CORE_READ(rq, io_start_time_ns));

    on_rq_bios_done(first, done.dev, slot, done.op, now);
}

static __always_inline void bio_queue(void* ctx, __u64 now, struct bio* bio) {
    on_bio_queue(ctx, now, (__u64)bio, bio_dev(bio), op_of_flags(BPF_CORE_READ(bio, bi_opf)),
                 BPF_CORE_READ(bio, bi_iter.bi_size));
}

/* One tp_btf and one raw_tp program per hook, both calling BODY with `now` taken first: the
 * pointers are read through CO-RE either way, so the two differ only in how the kernel
 * attaches them. */
#define BLOCK_PROGRAMS(HOOK, ARGS, BODY)                                                           \
    SEC("tp_btf/" #HOOK)                                                                           \
    int BPF_PROG(HOOK##_btf, ARGS) {                                                               \
        const __u64 now = bpf_ktime_get_ns();                                                      \
                                                                                                   \
        (void)now; /* the event counters need no time */                                           \
        BODY;                                                                                      \
        return 0;                                                                                  \
    }                                                                                              \
    SEC("raw_tp/" #HOOK)                                                                           \
    int BPF_PROG(HOOK##_raw, ARGS) {                                                               \
        const __u64 now = bpf_ktime_get_ns();                                                      \
                                                                                                   \
        (void)now; /* the event counters need no time */                                           \
        BODY;                                                                                      \
        return 0;                                                                                  \
    }

#define COMMA ,
BLOCK_PROGRAMS(block_bio_queue, struct bio* bio, bio_queue(ctx, now, bio))
BLOCK_PROGRAMS(block_getrq, struct bio* bio, on_getrq(now, (__u64)bio, bio_dev(bio)))
BLOCK_PROGRAMS(block_bio_backmerge, struct bio* bio, on_merge(now, (__u64)bio, bio_dev(bio), false))
BLOCK_PROGRAMS(block_bio_frontmerge, struct bio* bio, on_merge(now, (__u64)bio, bio_dev(bio), true))
BLOCK_PROGRAMS(block_split, struct bio* bio, on_event(bio_dev(bio), BLOCK_EVENT_SPLIT))
BLOCK_PROGRAMS(block_rq_insert, struct request* rq,
               on_rq_insert(now, (__u64)rq, rq_dev(rq), (__u64)BPF_CORE_READ(rq, bio),
                            op_of_flags(BPF_CORE_READ(rq, cmd_flags))))
BLOCK_PROGRAMS(block_rq_issue, struct request* rq,
               on_rq_issue(now, (__u64)rq, rq_dev(rq), (__u64)BPF_CORE_READ(rq, bio),
                           op_of_flags(BPF_CORE_READ(rq, cmd_flags))))
BLOCK_PROGRAMS(block_rq_complete, struct request* rq, rq_complete(now, rq))
BLOCK_PROGRAMS(block_rq_requeue, struct request* rq, on_event(rq_dev(rq), BLOCK_EVENT_REQUEUE))
BLOCK_PROGRAMS(block_plug, struct request_queue* q,
               on_event(disk_dev(BPF_CORE_READ(q, disk)), BLOCK_EVENT_PLUG))
BLOCK_PROGRAMS(block_unplug, struct request_queue* q COMMA unsigned int depth,
               on_unplug(disk_dev(BPF_CORE_READ(q, disk)), depth))
BLOCK_PROGRAMS(block_bio_complete, struct request_queue* q COMMA struct bio* bio,
               on_bio_complete(now, (__u64)bio, bio_dev(bio)))

/* Classic tracepoints: records carry the device and sector but no pointer, so bios and
 * requests are matched by sector: Q2C is timed for the first bio of a request only, and plugs
 * (whose records name no device) are not counted. */

SEC("tp/block/block_bio_queue")
int block_bio_queue_tp(struct trace_event_raw_block_bio* ctx) {
    const __u64 now = bpf_ktime_get_ns();
    char rwbs[10];

    BPF_CORE_READ_STR_INTO(&rwbs, ctx, rwbs);
    on_bio_queue(ctx, now, BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev), op_of_rwbs(rwbs),
                 (__u64)BPF_CORE_READ(ctx, nr_sector) << 9);
    return 0;
}

SEC("tp/block/block_getrq")
int block_getrq_tp(struct trace_event_raw_block_bio* ctx) {
    const __u64 now = bpf_ktime_get_ns();

    on_getrq(now, BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev));
    return 0;
}

SEC("tp/block/block_bio_backmerge")
int block_bio_backmerge_tp(struct trace_event_raw_block_bio* ctx) {
    const __u64 now = bpf_ktime_get_ns();

    on_merge(now, BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev), false);
    return 0;
}

SEC("tp/block/block_bio_frontmerge")
int block_bio_frontmerge_tp(struct trace_event_raw_block_bio* ctx) {
    const __u64 now = bpf_ktime_get_ns();

    on_merge(now, BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev), true);
    return 0;
}

SEC("tp/block/block_split")
int block_split_tp(struct trace_event_raw_block_split* ctx) {
    on_event(BPF_CORE_READ(ctx, dev), BLOCK_EVENT_SPLIT);
    return 0;
}

static __always_inline __u32 op_of_record(struct trace_event_raw_block_rq* ctx) {
    char rwbs[10];

    BPF_CORE_READ_STR_INTO(&rwbs, ctx, rwbs);
    return op_of_rwbs(rwbs);
}

SEC("tp/block/block_rq_insert")
int block_rq_insert_tp(struct trace_event_raw_block_rq* ctx) {
    const __u64 now = bpf_ktime_get_ns();
    const __u64 sector = BPF_CORE_READ(ctx, sector);

    on_rq_insert(now, sector, BPF_CORE_READ(ctx, dev), sector, op_of_record(ctx));
    return 0;
}

SEC("tp/block/block_rq_issue")
int block_rq_issue_tp(struct trace_event_raw_block_rq* ctx) {
    const __u64 now = bpf_ktime_get_ns();
    const __u64 sector = BPF_CORE_READ(ctx, sector);

    on_rq_issue(now, sector, BPF_CORE_READ(ctx, dev), sector, op_of_record(ctx));
    return 0;
}

SEC("tp/block/block_rq_complete")
int block_rq_complete_tp(struct trace_event_raw_block_rq_completion* ctx) {
    const __u64 now = bpf_ktime_get_ns();
    struct block_rq_done done = {.dev = BPF_CORE_READ(ctx, dev),
                                 .sector = BPF_CORE_READ(ctx, sector),
                                 .bytes = (__u64)BPF_CORE_READ(ctx, nr_sector) << 9};
    char rwbs[10];
    int slot;

    BPF_CORE_READ_STR_INTO(&rwbs, ctx, rwbs);
    done.op = op_of_rwbs(rwbs);
    done.first_bio = done.sector; /* requests and bios are known by their first sector here */
    slot = on_rq_complete(done.sector, &done, now, 0, 0);
    if (slot >= 0)
        on_bio_done(done.sector, done.dev, slot, done.op, now);
    return 0;
}

SEC("tp/block/block_rq_requeue")
int block_rq_requeue_tp(struct trace_event_raw_block_rq_requeue* ctx) {
    on_event(BPF_CORE_READ(ctx, dev), BLOCK_EVENT_REQUEUE);
    return 0;
}

SEC("tp/block/block_bio_complete")
int block_bio_complete_tp(struct trace_event_raw_block_bio_complete* ctx) {
    const __u64 now = bpf_ktime_get_ns();

    on_bio_complete(now, BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
