/* Lock contention: lock:contention_begin / contention_end (kernel 5.19+). Waits are timed per
 * thread and summed per (lock, kernel stack, flags), with a sparse log-linear histogram. */
#include "lock.h"

#include "kernel_types.h"
#include "loglinear.h"
#include "probe_common.h"

/* Written by the loader: 0 outside the recorder's sampling windows, where no wait begins to be
 * timed. A wait is counted when it begins, and timed to its end even after the window closes:
 * so a window holds the contentions that began in it, neither more nor less. */
volatile __u32 counting = 1;
/* iolab itself: its own waits (attaching, reading maps) are not the system's. */
const volatile __u32 self_tgid = 0;

/* Written by the loader: whether to name the slab cache of each heap lock. Off when this
 * kernel lacks bpf_get_kmem_cache or refuses it to this program type: the call is then dead code
 * the verifier removes. */
const volatile bool name_caches = false;

PROBE_WORKLOAD_FILTER()

/* The slab cache of the object at an address, or NULL (kernel 6.13+, mm/slab_common.c). */
extern struct kmem_cache* bpf_get_kmem_cache(__u64 addr) __ksym __weak;

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, __u32);
    __type(value, struct lock_waits);
} waits SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 8192);
    __type(key, struct lock_key);
    __type(value, struct lock_value);
} locks SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 65536);
    __type(key, struct lock_bucket_key);
    __type(value, __u64);
} buckets SEC(".maps");

PROBE_STACKS(4096, LOCK_STACK_DEPTH);

PROBE_COUNTERS(LOCK_COUNTERS)

#define EEXIST 17

static __always_inline __s32 stack_of(void* ctx) {
    long id = bpf_get_stackid(ctx, &stacks, 0);

    if (id == -EEXIST)
        count(LOCK_STACK_COLLISIONS);
    else if (id < 0)
        count(LOCK_STACK_MISSING);
    return (__s32)id;
}

static __always_inline int on_begin(void* ctx, __u64 address, __u32 flags) {
    __u64 id = bpf_get_current_pid_tgid();
    __u32 tgid = id >> 32;
    __u32 tid = (__u32)id;
    struct lock_waits* w;
    int i;

    count(LOCK_RUNS);
    if (!counting || tgid == self_tgid || !in_workload(tgid))
        return 0;
    w = bpf_map_lookup_elem(&waits, &tid);

    if (!w) {
        struct lock_waits empty = {};

        bpf_map_update_elem(&waits, &tid, &empty, BPF_NOEXIST);
        w = bpf_map_lookup_elem(&waits, &tid);
        if (!w) {
            count(LOCK_WAITS_DROPPED);
            return 0;
        }
    }
    /* A mutex reports its optimistic spin and then its sleep: one wait, timed from the first. */
#pragma unroll
    for (i = 0; i < 2; i++) {
        if (w->address[i] == address) {
            w->flags[i] = flags;
            return 0;
        }
    }
#pragma unroll
    for (i = 0; i < 2; i++) {
        if (w->address[i] == 0) {
            w->address[i] = address;
            w->flags[i] = flags;
            w->stack_id[i] = stack_of(ctx);
            w->start_ns[i] = bpf_ktime_get_ns();
            count(LOCK_CONTENTIONS);
            return 0;
        }
    }
    count(LOCK_WAITS_DROPPED);
    return 0;
}

static __always_inline void add_bucket(const struct lock_key* key, __u64 wait_ns) {
    struct lock_bucket_key bucket_key = {.lock = *key, .bucket = loglin_index(wait_ns)};
    __u64 one = 1;
    __u64* bucket = bpf_map_lookup_elem(&buckets, &bucket_key);

    if (bucket)
        __sync_fetch_and_add(bucket, 1);
    else if (bpf_map_update_elem(&buckets, &bucket_key, &one, BPF_NOEXIST) != 0 &&
             (bucket = bpf_map_lookup_elem(&buckets, &bucket_key)))
        __sync_fetch_and_add(bucket, 1);
}

/* Once per lock and stack: the lock was just acquired, so its object is alive. */
static __always_inline void name_cache(__u64 address, char* name) {
    struct kmem_cache* cache;

    if (!name_caches)
        return;
    cache = bpf_get_kmem_cache(address);
    if (cache)
        bpf_probe_read_kernel_str(name, LOCK_CACHE_NAME_LEN, BPF_CORE_READ(cache, name));
}

static __always_inline void add_wait(const struct lock_key* key, __u64 wait_ns) {
    struct lock_value* value = bpf_map_lookup_elem(&locks, key);

    if (!value) {
        struct lock_value zero = {};

        name_cache(key->address, zero.cache);
        bpf_map_update_elem(&locks, key, &zero, BPF_NOEXIST);
        value = bpf_map_lookup_elem(&locks, key);
        if (!value) {
            count(LOCK_WAITS_DROPPED);
            return;
        }
    }
    __sync_fetch_and_add(&value->contentions, 1);
    __sync_fetch_and_add(&value->total_ns, wait_ns);
    /* Racy between CPUs, like every max without a lock: a lost update loses a near-tie. */
    if (wait_ns > value->max_ns)
        value->max_ns = wait_ns;
    add_bucket(key, wait_ns);
}

static __always_inline int on_end(__u64 address) {
    __u32 tid = (__u32)bpf_get_current_pid_tgid();
    struct lock_waits* w;
    struct lock_key key = {};
    int i;

    w = bpf_map_lookup_elem(&waits, &tid);
    if (!w) {
        __u32 tgid = bpf_get_current_pid_tgid() >> 32;

        if (counting && in_workload(tgid))
            count(LOCK_UNMATCHED_ENDS);
        return 0;
    }
#pragma unroll
    for (i = 1; i >= 0; i--) {
        if (w->address[i] == address) {
            key.address = address;
            key.stack_id = w->stack_id[i];
            key.flags = w->flags[i];
            add_wait(&key, bpf_ktime_get_ns() - w->start_ns[i]);
            w->address[i] = 0;
            if (w->address[0] == 0 && w->address[1] == 0)
                bpf_map_delete_elem(&waits, &tid);
            return 0;
        }
    }
    count(LOCK_UNMATCHED_ENDS);
    return 0;
}

SEC("tp_btf/contention_begin")
int BPF_PROG(lock_begin_btf, void* lock, unsigned int flags) {
    return on_begin(ctx, (__u64)lock, flags);
}

SEC("tp_btf/contention_end")
int BPF_PROG(lock_end_btf, void* lock, int ret) {
    return on_end((__u64)lock);
}

SEC("raw_tp/contention_begin")
int BPF_PROG(lock_begin_raw, void* lock, unsigned int flags) {
    return on_begin(ctx, (__u64)lock, flags);
}

SEC("raw_tp/contention_end")
int BPF_PROG(lock_end_raw, void* lock, int ret) {
    return on_end((__u64)lock);
}

/* The classic tracepoint records (/sys/kernel/tracing/events/lock/.../format). */
struct contention_begin_record {
    __u64 common;
    __u64 lock_addr;
    __u32 flags;
};

struct contention_end_record {
    __u64 common;
    __u64 lock_addr;
    __s32 ret;
};

SEC("tp/lock/contention_begin")
int lock_begin_tp(struct contention_begin_record* record) {
    return on_begin(record, record->lock_addr, record->flags);
}

SEC("tp/lock/contention_end")
int lock_end_tp(struct contention_end_record* record) {
    return on_end(record->lock_addr);
}

char LICENSE[] SEC("license") = "GPL";
