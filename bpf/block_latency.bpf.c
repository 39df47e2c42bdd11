/* Block-layer latency per device and operation, aggregated in the kernel.
 *
 * Request-based devices: one program at completion reads the kernel's own stamps
 * (rq->start_time_ns at allocation, rq->io_start_time_ns at issue), so the common case needs no
 * map of in-flight requests and no program at insert or issue. Where a queue does not stamp its
 * requests the loader turns on `use_inflight_map`: insert and issue programs then keep start
 * times in a bounded hash map that completion empties. Bio-based devices (zram, dm, md) make no
 * requests: bios are timed from queueing to completion through a second bounded map. */
#include "block_latency.h"

#include "kernel_types.h"

/* Slot table: dev_t (MKDEV(major, minor) as the kernel packs it) of each watched device. */
const volatile __u32 targ_devs[BLOCK_MAX_SLOTS] = {};
const volatile __u32 nr_devs = 0;
/* Bit n set: the device of slot n is bio-based and is timed at bio level. */
const volatile __u32 bio_slot_mask = 0;
const volatile bool use_inflight_map = false;
/* Written by the loader around each sampling window: an IO that started before the window's
 * programs were all attached (and was slowed by that attach) is not counted, nor one that
 * completes while they are being detached. */
volatile __u64 window_start_ns = 0;
volatile __u32 counting = 1;

#define REQ_OP_MASK 0xff
#define MINORBITS 20

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, BLOCK_HIST_KEYS);
    __type(key, __u32);
    __type(value, struct block_hist);
} hists SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct block_counters);
} counters SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct block_inflight_key);
    __type(value, struct block_inflight);
} inflight SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct block_inflight_key);
    __type(value, struct block_inflight);
} bio_inflight SEC(".maps");

static __always_inline struct block_counters* counters_here(void) {
    __u32 zero = 0;
    return bpf_map_lookup_elem(&counters, &zero);
}

static __always_inline int slot_of(__u32 dev) {
    for (__u32 i = 0; i < BLOCK_MAX_SLOTS; i++) {
        if (i >= nr_devs)
            break;
        if (targ_devs[i] == dev)
            return i;
    }
    return -1;
}

static __always_inline bool is_bio_slot(int slot) {
    return (bio_slot_mask >> slot) & 1;
}

static __always_inline __u32 op_of_flags(__u32 flags) {
    switch (flags & REQ_OP_MASK) {
    case 0:
        return BLOCK_OP_READ;
    case 1:
        return BLOCK_OP_WRITE;
    case 2:
        return BLOCK_OP_FLUSH;
    case 3:
        return BLOCK_OP_DISCARD;
    default:
        return BLOCK_OP_OTHER;
    }
}

/* The classic tracepoints give the operation only as the rwbs text ("R", "WS", "FWS", "D"). */
static __always_inline __u32 op_of_rwbs(const char* rwbs) {
    switch (rwbs[0]) {
    case 'F':
        return BLOCK_OP_FLUSH;
    case 'R':
        return BLOCK_OP_READ;
    case 'W':
        return BLOCK_OP_WRITE;
    case 'D':
        return BLOCK_OP_DISCARD;
    default:
        return BLOCK_OP_OTHER;
    }
}

/* tp_btf pointers are typed and trusted: plain loads, no helper call. */
static __always_inline __u32 disk_dev_btf(const struct gendisk* disk) {
    return ((__u32)disk->major << MINORBITS) | disk->first_minor;
}

static __always_inline __u32 disk_dev(const struct gendisk* disk) {
    return ((__u32)BPF_CORE_READ(disk, major) << MINORBITS) | BPF_CORE_READ(disk, first_minor);
}

static __always_inline void add(__u32 slot, __u32 op, __u32 metric, __u64 value) {
    __u32 key = block_hist_key(slot, op, metric);
    __u32 index = loglin_index(value);
    struct block_hist* hist = bpf_map_lookup_elem(&hists, &key);

    /* A plain increment is exact: the slot is this CPU's, and a nested run on the same CPU is
     * skipped by the kernel (and counted in recursion_misses). */
    if (hist && index < LOGLIN_BUCKETS)
        hist->buckets[index]++;
}

static __always_inline void on_rq_insert(__u64 id, __u32 dev) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_inflight value = {.insert_ns = bpf_ktime_get_ns()};
    struct block_counters* c;

    if (slot_of(dev) < 0)
        return;
    if (bpf_map_update_elem(&inflight, &key, &value, BPF_ANY) != 0 && (c = counters_here()))
        c->inflight_full++;
}

static __always_inline void on_rq_issue(__u64 id, __u32 dev) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_inflight fresh = {};
    struct block_inflight* entry;
    struct block_counters* c;

    if (slot_of(dev) < 0)
        return;
    entry = bpf_map_lookup_elem(&inflight, &key);
    if (entry) {
        entry->issue_ns = bpf_ktime_get_ns();
        return;
    }
    fresh.issue_ns = bpf_ktime_get_ns();
    if (bpf_map_update_elem(&inflight, &key, &fresh, BPF_ANY) != 0 && (c = counters_here()))
        c->inflight_full++;
}

/* start_ns and issue_ns are the kernel's stamps, 0 when it did not set them. */
static __always_inline void on_rq_complete(__u64 id, __u32 dev, __u32 op, __u64 start_ns,
                                           __u64 issue_ns, __u64 bytes) {
    struct block_counters* c;
    int slot = slot_of(dev);
    __u64 now;

    if (slot < 0) {
        if ((c = counters_here()))
            c->unknown_device++;
        return;
    }
    if (use_inflight_map) {
        struct block_inflight_key key = {.id = id, .dev = dev};
        struct block_inflight* entry = bpf_map_lookup_elem(&inflight, &key);

        if (entry) {
            if (!issue_ns)
                issue_ns = entry->issue_ns;
            if (!start_ns)
                start_ns = entry->insert_ns;
            bpf_map_delete_elem(&inflight, &key);
        }
    }
    if (!issue_ns) {
        if ((c = counters_here()))
            c->unstamped++;
        return;
    }
    if (!start_ns || start_ns > issue_ns)
        start_ns = issue_ns;
    if (!counting || start_ns < window_start_ns)
        return;
    now = bpf_ktime_get_ns();
    add(slot, op, BLOCK_METRIC_QUEUE, issue_ns - start_ns);
    add(slot, op, BLOCK_METRIC_DEVICE, now - issue_ns);
    add(slot, op, BLOCK_METRIC_TOTAL, now - start_ns);
    add(slot, op, BLOCK_METRIC_SIZE, bytes);
}

static __always_inline void on_rq_requeue(__u32 dev) {
    struct block_counters* c;
    int slot = slot_of(dev);

    if (slot >= 0 && slot < BLOCK_MAX_SLOTS && (c = counters_here()))
        c->requeues[slot]++;
}

static __always_inline void on_bio_queue(__u64 id, __u32 dev, __u32 op, __u64 bytes) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_inflight value = {};
    struct block_counters* c;
    int slot = slot_of(dev);

    if (slot < 0 || !is_bio_slot(slot))
        return;
    value.insert_ns = bpf_ktime_get_ns();
    value.slot = slot;
    value.op = op;
    value.bytes = bytes;
    if (bpf_map_update_elem(&bio_inflight, &key, &value, BPF_ANY) != 0 && (c = counters_here()))
        c->bio_inflight_full++;
}

static __always_inline void on_bio_complete(__u64 id, __u32 dev) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_inflight* entry;
    struct block_counters* c;
    int slot = slot_of(dev);

    if (slot < 0 || !is_bio_slot(slot))
        return;
    entry = bpf_map_lookup_elem(&bio_inflight, &key);
    if (!entry) {
        if ((c = counters_here()))
            c->bio_unmatched++;
        return;
    }
    if (counting && entry->insert_ns >= window_start_ns) {
        add(entry->slot, entry->op, BLOCK_METRIC_TOTAL, bpf_ktime_get_ns() - entry->insert_ns);
        add(entry->slot, entry->op, BLOCK_METRIC_SIZE, entry->bytes);
    }
    bpf_map_delete_elem(&bio_inflight, &key);
}

/* tp_btf: typed arguments, fields read directly. */

SEC("tp_btf/block_rq_complete")
int BPF_PROG(rq_complete_btf, struct request* rq, blk_status_t error, unsigned int nr_bytes) {
    on_rq_complete((__u64)rq, disk_dev_btf(rq->q->disk), op_of_flags(rq->cmd_flags),
                   rq->start_time_ns, rq->io_start_time_ns, rq->__data_len);
    return 0;
}

SEC("tp_btf/block_rq_insert")
int BPF_PROG(rq_insert_btf, struct request* rq) {
    on_rq_insert((__u64)rq, disk_dev_btf(rq->q->disk));
    return 0;
}

SEC("tp_btf/block_rq_issue")
int BPF_PROG(rq_issue_btf, struct request* rq) {
    on_rq_issue((__u64)rq, disk_dev_btf(rq->q->disk));
    return 0;
}

SEC("tp_btf/block_rq_requeue")
int BPF_PROG(rq_requeue_btf, struct request* rq) {
    on_rq_requeue(disk_dev_btf(rq->q->disk));
    return 0;
}

SEC("tp_btf/block_bio_queue")
int BPF_PROG(bio_queue_btf, struct bio* bio) {
    on_bio_queue((__u64)bio, disk_dev_btf(bio->bi_bdev->bd_disk), op_of_flags(bio->bi_opf),
                 bio->bi_iter.bi_size);
    return 0;
}

SEC("tp_btf/block_bio_complete")
int BPF_PROG(bio_complete_btf, struct request_queue* q, struct bio* bio) {
    on_bio_complete((__u64)bio, disk_dev_btf(bio->bi_bdev->bd_disk));
    return 0;
}

/* raw_tp: the same hooks without BTF-typed pointers, so fields go through CO-RE reads. */

static __always_inline __u32 rq_dev(struct request* rq) {
    return disk_dev(BPF_CORE_READ(rq, q, disk));
}

SEC("raw_tp/block_rq_complete")
int BPF_PROG(rq_complete_raw, struct request* rq) {
    on_rq_complete((__u64)rq, rq_dev(rq), op_of_flags(BPF_CORE_READ(rq, cmd_flags)),
                   BPF_CORE_READ(rq, start_time_ns), BPF_CORE_READ(rq, io_start_time_ns),
                   BPF_CORE_READ(rq, __data_len));
    return 0;
}

SEC("raw_tp/block_rq_insert")
int BPF_PROG(rq_insert_raw, struct request* rq) {
    on_rq_insert((__u64)rq, rq_dev(rq));
    return 0;
}

SEC("raw_tp/block_rq_issue")
int BPF_PROG(rq_issue_raw, struct request* rq) {
    on_rq_issue((__u64)rq, rq_dev(rq));
    return 0;
}

SEC("raw_tp/block_rq_requeue")
int BPF_PROG(rq_requeue_raw, struct request* rq) {
    on_rq_requeue(rq_dev(rq));
    return 0;
}

SEC("raw_tp/block_bio_queue")
int BPF_PROG(bio_queue_raw, struct bio* bio) {
    on_bio_queue((__u64)bio, disk_dev(BPF_CORE_READ(bio, bi_bdev, bd_disk)),
                 op_of_flags(BPF_CORE_READ(bio, bi_opf)), BPF_CORE_READ(bio, bi_iter.bi_size));
    return 0;
}

SEC("raw_tp/block_bio_complete")
int BPF_PROG(bio_complete_raw, struct request_queue* q, struct bio* bio) {
    on_bio_complete((__u64)bio, disk_dev(BPF_CORE_READ(bio, bi_bdev, bd_disk)));
    return 0;
}

/* Classic tracepoints: records carry the device and sector but no pointer and no stamps, so
 * requests are matched by sector through the in-flight map (the loader forces it on). */

SEC("tp/block/block_rq_complete")
int rq_complete_tp(struct trace_event_raw_block_rq_completion* ctx) {
    char rwbs[10];

    BPF_CORE_READ_STR_INTO(&rwbs, ctx, rwbs);
    on_rq_complete(BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev), op_of_rwbs(rwbs), 0, 0,
                   (__u64)BPF_CORE_READ(ctx, nr_sector) << 9);
    return 0;
}

SEC("tp/block/block_rq_insert")
int rq_insert_tp(struct trace_event_raw_block_rq* ctx) {
    on_rq_insert(BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev));
    return 0;
}

SEC("tp/block/block_rq_issue")
int rq_issue_tp(struct trace_event_raw_block_rq* ctx) {
    on_rq_issue(BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev));
    return 0;
}

SEC("tp/block/block_rq_requeue")
int rq_requeue_tp(struct trace_event_raw_block_rq_requeue* ctx) {
    on_rq_requeue(BPF_CORE_READ(ctx, dev));
    return 0;
}

SEC("tp/block/block_bio_queue")
int bio_queue_tp(struct trace_event_raw_block_bio* ctx) {
    char rwbs[10];

    BPF_CORE_READ_STR_INTO(&rwbs, ctx, rwbs);
    on_bio_queue(BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev), op_of_rwbs(rwbs),
                 (__u64)BPF_CORE_READ(ctx, nr_sector) << 9);
    return 0;
}

SEC("tp/block/block_bio_complete")
int bio_complete_tp(struct trace_event_raw_block_bio_complete* ctx) {
    on_bio_complete(BPF_CORE_READ(ctx, sector), BPF_CORE_READ(ctx, dev));
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
