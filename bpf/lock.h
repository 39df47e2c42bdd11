/* Shared by lock.bpf.c and its loader collector/probes/lock.cpp. Fixed-width, padding-free. */
#ifndef IOLAB_BPF_LOCK_H
#define IOLAB_BPF_LOCK_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

/* The flags of lock:contention_begin (include/trace/events/lock.h, kernel 5.19+). */
#define LOCK_F_SPIN (1U << 0)
#define LOCK_F_READ (1U << 1)
#define LOCK_F_WRITE (1U << 2)
#define LOCK_F_RT (1U << 3)
#define LOCK_F_PERCPU (1U << 4)
#define LOCK_F_MUTEX (1U << 5)

/* Kernel stacks kept per contended lock: enough for a syscall down to the lock slow path. */
#define LOCK_STACK_DEPTH 127

/* Room for a slab cache's name ("mm_struct", "kmalloc-cg-192"); a longer one is cut. */
#define LOCK_CACHE_NAME_LEN 32

/* One contended lock seen from one kernel stack with one kind of wait. */
struct lock_key {
    __u64 address;
    __s32 stack_id; /* in `stacks`; negative: the stack could not be stored */
    __u32 flags;
};

struct lock_value {
    __u64 contentions;
    __u64 total_ns;
    __u64 max_ns;
    /* The slab cache of the object holding the lock when the wait was first counted; empty
     * for a lock outside the slab (static, per-CPU, on the stack) or when not named. */
    char cache[LOCK_CACHE_NAME_LEN];
};

/* A bucket of the wait histogram (bpf/loglinear.h) of one lock_key: a sparse histogram. */
struct lock_bucket_key {
    struct lock_key lock;
    __u32 bucket;
    __u32 pad;
};

/* Indexes of the per-CPU array `counters`. */
enum lock_counter {
    LOCK_STACK_COLLISIONS, /* bpf_get_stackid: a different stack held the slot */
    LOCK_STACK_MISSING,    /* bpf_get_stackid: any other failure */
    LOCK_WAITS_DROPPED,    /* a third lock waited on at once by one thread, or a full map */
    LOCK_UNMATCHED_ENDS,   /* contention_end with no begin seen (attached mid-wait) */
    LOCK_RUNS,             /* every contention_begin, counting or not: what the probe costs */
    LOCK_CONTENTIONS,      /* waits begun while counting */
    LOCK_COUNTERS
};

/* Waits in progress of one thread: at most two at once (a lock, and the spinlock that guards
 * its wait queue). */
struct lock_waits {
    __u64 address[2];
    __u64 start_ns[2];
    __u32 flags[2];
    __s32 stack_id[2];
};

#endif /* IOLAB_BPF_LOCK_H */
