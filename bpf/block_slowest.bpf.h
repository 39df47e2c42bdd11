/* The slowest requests of block_latency.bpf.c, with their story: each CPU keeps the slowest_n
 * slowest requests (by Q2C) completed on it in the windows, with their stamps and their first
 * bio's submitter (process, kernel and user stack taken at Q). A request is compared with the
 * fastest kept, a bar that only rises, so once the table is full almost every completion costs
 * one comparison; the loader takes the slowest of all CPUs' tables. The stacks are the cost:
 * two stack walks per bio queued in a window, taken only while slowest_n > 0. Kernel stacks are
 * few and shared through the stack map; user stacks are copied into the bio's entry. */
#ifndef IOLAB_BPF_BLOCK_SLOWEST_BPF_H
#define IOLAB_BPF_BLOCK_SLOWEST_BPF_H

#include "block_latency.h"
#include "kernel_types.h"
#include "probe_common.h"

#define BPF_F_USER_STACK (1ULL << 8)

/* How many slowest requests each CPU keeps, at most BLOCK_SLOWEST_MAX; 0: none, no stacks. */
const volatile __u32 slowest_n = 0;

/* Distinct submitters' stacks are few (a handful of syscall paths per workload). */
PROBE_STACKS(4096, BLOCK_STACK_DEPTH);

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct block_slowest);
} slowest SEC(".maps");

/* Who queues a bio: process, kernel stack (an id in `stacks`) and user stack (a kernel thread
 * has none: left 0). Stacks only while the slowest requests are kept. */
static __always_inline void note_submitter(void* ctx, struct block_bio_stamps* bio, __u64* lost) {
    long id;

    bio->tgid = bpf_get_current_pid_tgid() >> 32;
    bpf_get_current_comm(bio->comm, sizeof(bio->comm));
    bio->kernel_stack = -1;
    if (!slowest_n)
        return;
    id = bpf_get_stackid(ctx, &stacks, 0);
    if (id < 0 && lost)
        (*lost)++;
    bio->kernel_stack = (__s32)id;
    bpf_get_stack(ctx, bio->user_stack, sizeof(bio->user_stack), BPF_F_USER_STACK);
}

/* This CPU's table when a request of this Q2C belongs in it, else NULL. */
static __always_inline struct block_slowest* slowest_passing(__u64 q2c) {
    __u32 zero = 0;
    struct block_slowest* table;

    if (!slowest_n)
        return NULL;
    table = bpf_map_lookup_elem(&slowest, &zero);
    if (!table || (table->count >= slowest_n && q2c <= table->min_q2c))
        return NULL;
    return table;
}

static __always_inline void find_fastest(struct block_slowest* table) {
    __u64 fastest = ~0ULL;
    __u32 at = 0;

    for (__u32 i = 0; i < BLOCK_SLOWEST_MAX; i++) {
        if (i >= table->count)
            break;
        if (table->ios[i].c_ns - table->ios[i].q_ns < fastest) {
            fastest = table->ios[i].c_ns - table->ios[i].q_ns;
            at = i;
        }
    }
    table->min_q2c = fastest;
    table->min_index = at;
}

/* Puts `io` in a free place, or in place of the fastest kept once the table is full. */
static __always_inline void keep_slow(struct block_slowest* table, const struct block_slow_io* io) {
    __u32 at;

    if (table->count < slowest_n && table->count < BLOCK_SLOWEST_MAX)
        at = table->count++;
    else
        at = table->min_index;
    table->ios[at & (BLOCK_SLOWEST_MAX - 1)] = *io;
    if (table->count >= slowest_n)
        find_fastest(table);
}

#endif /* IOLAB_BPF_BLOCK_SLOWEST_BPF_H */
