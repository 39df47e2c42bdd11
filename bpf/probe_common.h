/* What the cost probes' BPF programs share (BPF side only; include after kernel_types.h):
 * per-CPU counters of lost events and drops, the stack-trace map, and the filter by the
 * workload's processes. */
#pragma once

/* Per-CPU u64 counters, indexed by the probe's own enum and summed by the loader; count(i)
 * adds one. A plain increment is exact: the slot is this CPU's. */
#define PROBE_COUNTERS(entries)                                                                  \
    struct {                                                                                     \
        __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);                                                 \
        __uint(max_entries, entries);                                                            \
        __type(key, __u32);                                                                      \
        __type(value, __u64);                                                                    \
    } counters SEC(".maps");                                                                     \
                                                                                                 \
    static __always_inline void count(__u32 index) {                                             \
        __u64* value = bpf_map_lookup_elem(&counters, &index);                                   \
                                                                                                 \
        if (value)                                                                               \
            (*value)++;                                                                          \
    }

/* The stack-trace map `stacks`: up to `entries` stacks of `depth` frames, named by the ids
 * bpf_get_stackid returns. */
#define PROBE_STACKS(entries, depth)                                                             \
    struct {                                                                                     \
        __uint(type, BPF_MAP_TYPE_STACK_TRACE);                                                  \
        __uint(max_entries, entries);                                                            \
        __uint(key_size, sizeof(__u32));                                                         \
        __uint(value_size, (depth) * sizeof(__u64));                                             \
    } stacks SEC(".maps")

/* The process tracker's map (key: tgid, value: u8), reused by fd before load, and
 * in_workload(tgid): true for the workload's processes, or for all when filter_workload is off
 * (system-wide recording). */
#define PROBE_WORKLOAD_FILTER()                                                                  \
    const volatile bool filter_workload = false;                                                 \
                                                                                                 \
    struct {                                                                                     \
        __uint(type, BPF_MAP_TYPE_HASH);                                                         \
        __uint(max_entries, 1);                                                                  \
        __type(key, __u32);                                                                      \
        __type(value, __u8);                                                                     \
    } tracked_tgids SEC(".maps");                                                                \
                                                                                                 \
    static __always_inline bool in_workload(__u32 tgid) {                                        \
        return !filter_workload || bpf_map_lookup_elem(&tracked_tgids, &tgid) != 0;              \
    }
