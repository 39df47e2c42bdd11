/* The handlers of block_latency.bpf.c, one per tracepoint, shared by its tp_btf, raw_tp and
 * classic programs; each takes the ids (pointers, or sectors for classic tracepoints) and the
 * device the program read.
 *
 * Why real timestamps: since v6.9 (commit da4c8c3d0975, "block: cache current nsec time in
 * struct blk_plug") blk_time_get_ns() in block/blk.h returns the time cached in the submitting
 * task's plug, and both rq->start_time_ns (blk_mq_rq_ctx_init) and rq->io_start_time_ns
 * (blk_mq_start_request) come from it: under one plug they are the same value, so the kernel's
 * stamps show a queue time of 0. And the tag wait (blk_mq_get_tag, in
 * blk_mq_get_new_requests) happens before the request exists, so no request stamp holds it.
 * Every stamp here is bpf_ktime_get_ns(), taken first thing in each program (the handlers get it
 * as `now`: reading the arguments or a map before it would shift it by up to a few hundred ns,
 * differently at each tracepoint), kept only while a sampling window is open; the loader
 * empties the in-flight maps when a window closes. */
#ifndef IOLAB_BPF_BLOCK_PHASES_BPF_H
#define IOLAB_BPF_BLOCK_PHASES_BPF_H

#include "block_latency.h"
#include "block_slowest.bpf.h"
#include "kernel_types.h"

/* Slot table: dev_t (MKDEV(major, minor) as the kernel packs it) of each watched device. */
const volatile __u32 targ_devs[BLOCK_MAX_SLOTS] = {};
const volatile __u32 nr_devs = 0;
/* Bit n set: the device of slot n is bio-based and is timed at bio level. */
const volatile __u32 bio_slot_mask = 0;
/* Set by the loader while a sampling window is open (always, without windows). */
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

/* Bios in flight: merged writeback can hold a full queue of requests of up to 128 bios each
 * (a loop device has 128 tags, a scheduler's queue twice that): 16,384 entries, exactly 128
 * such requests, once timed 52,322 of 65,536 written bios under load. The bound is 65,536,
 * allocated as used rather than up front. */
struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 65536);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, struct block_inflight_key);
    __type(value, struct block_bio_stamps);
} bios SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 8192);
    __type(key, struct block_inflight_key);
    __type(value, struct block_rq_stamps);
} rqs SEC(".maps");

static __always_inline struct block_counters* counters_here(void) {
    __u32 zero = 0;
    return bpf_map_lookup_elem(&counters, &zero);
}

/* The barrier makes the compiler check and index with the same register: the verifier loses
 * the bound when it checks one copy of `slot` and indexes with another. */
static __always_inline struct block_slot_counters* slot_counters(int slot) {
    struct block_counters* c = counters_here();
    __u32 index = slot;

    barrier_var(index);
    if (!c || index >= BLOCK_MAX_SLOTS)
        return NULL;
    return &c->slots[index];
}

/* slot_of, add and on_bio_done are global functions: the verifier checks each once instead of at
 * every call site, which keeps the programs within its limits with all 16 slots in use. */
__noinline int slot_of(__u32 dev) {
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

static __always_inline __u32 disk_dev(const struct gendisk* disk) {
    return ((__u32)BPF_CORE_READ(disk, major) << MINORBITS) | BPF_CORE_READ(disk, first_minor);
}

__noinline int add(__u32 slot, __u32 op, __u32 metric, __u64 value) {
    __u32 key = block_hist_key(slot, op, metric);
    __u32 index = loglin_index(value);
    struct block_hist* hist = bpf_map_lookup_elem(&hists, &key);

    /* A plain increment is exact: the slot is this CPU's, and a nested run on the same CPU is
     * skipped by the kernel (and counted in recursion_misses). */
    if (hist && index < LOGLIN_BUCKETS)
        hist->buckets[index]++;
    return 0;
}

/* A phase between two stamps, when both were seen in order. */
static __always_inline void add_phase(__u32 slot, __u32 op, __u32 metric, __u64 from, __u64 to) {
    if (from && to >= from)
        add(slot, op, metric, to - from);
}

/* `ctx` is the program's, for the submitter's stacks. */
static __always_inline void on_bio_queue(void* ctx, __u64 now, __u64 id, __u32 dev, __u32 op,
                                         __u64 bytes) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_bio_stamps value = {.q_ns = now, .bytes = bytes, .op = op};
    struct block_counters* c;
    int slot;

    if (!counting || (slot = slot_of(dev)) < 0)
        return;
    value.slot = slot;
    c = counters_here();
    note_submitter(ctx, &value, c ? &c->stacks_lost : NULL);
    if (bpf_map_update_elem(&bios, &key, &value, BPF_ANY) != 0 && c)
        c->bio_map_full++;
}

static __always_inline void on_getrq(__u64 now, __u64 id, __u32 dev) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_bio_stamps* entry;

    if (!counting || slot_of(dev) < 0)
        return;
    entry = bpf_map_lookup_elem(&bios, &key);
    if (entry) {
        entry->g_ns = now;
        add_phase(entry->slot, entry->op, BLOCK_METRIC_Q2G, entry->q_ns, now);
    }
}

static __always_inline void on_merge(__u64 now, __u64 id, __u32 dev, bool front) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_slot_counters* sc;
    struct block_bio_stamps* entry;
    int slot;

    if (!counting || (slot = slot_of(dev)) < 0 || !(sc = slot_counters(slot)))
        return;
    if (front)
        sc->front_merges++;
    else
        sc->back_merges++;
    entry = bpf_map_lookup_elem(&bios, &key);
    if (entry)
        add_phase(slot, entry->op, BLOCK_METRIC_Q2M, entry->q_ns, now);
}

/* The event counters of one device: splits, requeues, plugs. */
enum block_event { BLOCK_EVENT_SPLIT, BLOCK_EVENT_REQUEUE, BLOCK_EVENT_PLUG };

static __always_inline void on_event(__u32 dev, enum block_event event) {
    struct block_slot_counters* sc;

    if (!counting || !(sc = slot_counters(slot_of(dev))))
        return;
    if (event == BLOCK_EVENT_SPLIT)
        sc->splits++;
    else if (event == BLOCK_EVENT_REQUEUE)
        sc->requeues++;
    else
        sc->plugs++;
}

static __always_inline void on_unplug(__u32 dev, __u32 depth) {
    struct block_slot_counters* sc;

    if (!counting || !(sc = slot_counters(slot_of(dev))))
        return;
    sc->unplugs++;
    sc->unplugged_ios += depth;
}

/* A request's entry starts from its first bio's stamps at insertion, or at issue when it was
 * not inserted (issued directly). An entry left by an earlier life of the same request (whose
 * completion was not seen) is recognised by its first bio and made afresh. Insertion writes
 * without looking first: the handler's own work sits between I and D, so it is kept short.
 * Each phase is timed when its end is seen, as btt pairs them: G2I here at insertion, I2D at
 * issue, so that a window times every phase whose two ends fall inside it. */
static __always_inline void rq_stamp(__u64 now, __u64 id, __u32 dev, __u64 first_bio, __u32 op,
                                     bool insert) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_inflight_key bio_key = {.id = first_bio, .dev = dev};
    struct block_rq_stamps fresh = {.first_bio = first_bio};
    struct block_rq_stamps* entry;
    struct block_bio_stamps* bio;
    struct block_counters* c;
    int slot;

    if (!counting || (slot = slot_of(dev)) < 0)
        return;
    if (!insert && (entry = bpf_map_lookup_elem(&rqs, &key)) && entry->first_bio == first_bio) {
        entry->d_ns = now;
        add_phase(slot, op, BLOCK_METRIC_I2D, entry->i_ns, now);
        return;
    }
    bio = first_bio ? bpf_map_lookup_elem(&bios, &bio_key) : NULL;
    if (bio) {
        fresh.q_ns = bio->q_ns;
        fresh.g_ns = bio->g_ns;
        if (insert)
            add_phase(slot, op, BLOCK_METRIC_G2I, bio->g_ns, now);
    }
    if (insert)
        fresh.i_ns = now;
    else
        fresh.d_ns = now;
    if (bpf_map_update_elem(&rqs, &key, &fresh, BPF_ANY) != 0 && (c = counters_here()))
        c->rq_map_full++;
}

static __always_inline void on_rq_insert(__u64 now, __u64 id, __u32 dev, __u64 first_bio,
                                         __u32 op) {
    rq_stamp(now, id, dev, first_bio, op, true);
}

static __always_inline void on_rq_issue(__u64 now, __u64 id, __u32 dev, __u64 first_bio, __u32 op) {
    rq_stamp(now, id, dev, first_bio, op, false);
}

/* What a completed request is: its device, operation, place and size. */
struct block_rq_done {
    __u32 dev;
    __u32 op;
    __u64 sector;
    __u64 bytes;
    __u64 first_bio; /* the id of the bio at its head */
};

/* A completed request in the sample joins its CPU's slowest when its Q2C passes the bar. */
static __always_inline void keep_if_slow(const struct block_rq_stamps* stamps,
                                         const struct block_rq_done* rq, int slot, __u64 now) {
    struct block_inflight_key bio_key = {.id = rq->first_bio, .dev = rq->dev};
    struct block_slowest* table = slowest_passing(now - stamps->q_ns);
    struct block_slow_io io = {.q_ns = stamps->q_ns,
                               .g_ns = stamps->g_ns,
                               .i_ns = stamps->i_ns,
                               .d_ns = stamps->d_ns,
                               .c_ns = now,
                               .sector = rq->sector,
                               .bytes = rq->bytes,
                               .slot = slot,
                               .op = rq->op,
                               .kernel_stack = -1};
    struct block_bio_stamps* bio;

    if (!table)
        return;
    bio = bpf_map_lookup_elem(&bios, &bio_key);
    if (bio) {
        io.tgid = bio->tgid;
        io.kernel_stack = bio->kernel_stack;
        __builtin_memcpy(io.comm, bio->comm, sizeof(io.comm));
        __builtin_memcpy(io.user_stack, bio->user_stack, sizeof(io.user_stack));
    }
    keep_slow(table, &io);
}

/* Times D2C of a request issued in the window, and the size of those whose first bio was seen
 * queued in it (the sample that Q2C, per bio, is timed over): a request already queued when
 * the window opened completes in it unsized (counted as unqueued), so that sizes count the IOs
 * Q2C times. kstart and kissue are the kernel's stamps, compared with ours to show whether the
 * kernel's are real. Returns the device's slot, -1 when the request is not in the sample. */
static __always_inline int on_rq_complete(__u64 id, const struct block_rq_done* rq, __u64 now,
                                          __u64 kstart, __u64 kissue) {
    const __u32 dev = rq->dev;
    const __u32 op = rq->op;
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_slot_counters* sc;
    struct block_rq_stamps* entry;
    struct block_counters* c;
    int slot = slot_of(dev);

    if (slot < 0) {
        if ((c = counters_here()))
            c->unknown_device++;
        return -1;
    }
    if (!counting)
        return -1;
    entry = bpf_map_lookup_elem(&rqs, &key);
    if (entry)
        add_phase(slot, op, BLOCK_METRIC_D2C, entry->d_ns, now);
    if (!entry || !entry->q_ns) {
        if (entry)
            bpf_map_delete_elem(&rqs, &key);
        if ((sc = slot_counters(slot)))
            sc->unqueued++;
        return -1;
    }
    if (entry->g_ns && entry->d_ns > entry->g_ns && kissue && (c = counters_here())) {
        c->kernel_stamps_checked++;
        if (kstart == kissue)
            c->kernel_stamps_cached++;
    }
    keep_if_slow(entry, rq, slot, now);
    bpf_map_delete_elem(&rqs, &key);
    add(slot, op, BLOCK_METRIC_SIZE, rq->bytes);
    return slot;
}

/* Q2C of one bio of a completed request; 0 when its queueing was not seen. */
__noinline int on_bio_done(__u64 id, __u32 dev, __u32 slot, __u32 op, __u64 now) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_bio_stamps* entry = bpf_map_lookup_elem(&bios, &key);

    if (!entry)
        return 0;
    add_phase(slot, op, BLOCK_METRIC_Q2C, entry->q_ns, now);
    bpf_map_delete_elem(&bios, &key);
    return 1;
}

/* Q2C of every bio of a completed request: at block_rq_complete its bios are still chained
 * on rq->bio (blk_update_request ends them after the tracepoint). */
static __always_inline void on_rq_bios_done(struct bio* bio, __u32 dev, int slot, __u32 op,
                                            __u64 now) {
    struct block_counters* c;

    if (slot < 0)
        return;
    for (int i = 0; i < BLOCK_CHAIN_MAX && bio; i++) {
        on_bio_done((__u64)bio, dev, slot, op, now);
        bio = BPF_CORE_READ(bio, bi_next);
    }
    if (bio && (c = counters_here()))
        c->chain_truncated++;
}

/* Bio-based devices: Q2C and size of each bio. */
static __always_inline void on_bio_complete(__u64 now, __u64 id, __u32 dev) {
    struct block_inflight_key key = {.id = id, .dev = dev};
    struct block_bio_stamps* entry;
    struct block_counters* c;
    int slot = slot_of(dev);

    if (!counting || slot < 0 || !is_bio_slot(slot))
        return;
    entry = bpf_map_lookup_elem(&bios, &key);
    if (!entry) {
        if ((c = counters_here()))
            c->bio_unmatched++;
        return;
    }
    add_phase(entry->slot, entry->op, BLOCK_METRIC_Q2C, entry->q_ns, now);
    add(entry->slot, entry->op, BLOCK_METRIC_SIZE, entry->bytes);
    bpf_map_delete_elem(&bios, &key);
}

#endif /* IOLAB_BPF_BLOCK_PHASES_BPF_H */
