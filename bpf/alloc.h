/* Shared by alloc.bpf.c and its loader collector/probes/alloc.cpp. Fixed-width, padding-free. */
#ifndef IOLAB_BPF_ALLOC_H
#define IOLAB_BPF_ALLOC_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

enum alloc_kind {
    ALLOC_KMALLOC,
    ALLOC_KMEM_CACHE,
    ALLOC_PAGE,
};

#define ALLOC_CACHE_NAME_LEN 32

/* Allocations of one kind from one call site, in or out of the workload. */
struct alloc_key {
    __u64 call_site; /* 0 for pages: mm_page_alloc gives none */
    __u64 cache;     /* kmem_cache: the cache's id in `cache_names`; page: the order */
    __u32 kind;      /* enum alloc_kind */
    __u32 workload;  /* 1: the current process is tracked (or nothing is tracked) */
};

/* The value of the per-CPU hash `allocs`; user space sums the CPUs. */
struct alloc_value {
    __u64 count;
    __u64 bytes;
};

struct alloc_cache_name {
    char name[ALLOC_CACHE_NAME_LEN];
};

/* Indexes of the per-CPU array `counters`. */
enum alloc_counter {
    ALLOC_DROPPED,  /* `allocs` was full */
    ALLOC_RUNS,     /* every program run, counting or not: what the probe costs */
    ALLOC_WORKLOAD, /* allocations counted in the workload's processes */
    ALLOC_SYSTEM,   /* allocations counted in every process */
    ALLOC_COUNTERS
};

#endif /* IOLAB_BPF_ALLOC_H */
