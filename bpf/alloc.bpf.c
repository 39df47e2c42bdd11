/* Kernel allocations: kmem:kmalloc, kmem:kmem_cache_alloc and kmem:mm_page_alloc, counted with
 * their bytes per (call site, cache or order, workload or not) in a per-CPU hash, so CPUs never
 * share a cache line on this path. */
#include "alloc.h"

#include "kernel_types.h"
#include "probe_common.h"

/* 4096 on every architecture iolab builds for; the loader overrides it from sysconf. */
const volatile __u64 page_size = 4096;
/* iolab itself: what loading and attaching its own probes allocates is not the system's. */
const volatile __u32 self_tgid = 0;
/* Written by the loader: 0 outside the recorder's sampling windows. */
volatile __u32 counting = 1;

PROBE_WORKLOAD_FILTER()

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_HASH);
    __uint(max_entries, 16384);
    __type(key, struct alloc_key);
    __type(value, struct alloc_value);
} allocs SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 4096);
    __type(key, __u64);
    __type(value, struct alloc_cache_name);
} cache_names SEC(".maps");

PROBE_COUNTERS(ALLOC_COUNTERS)

/* Returns true when the key was new on this CPU: the caller then records the cache name. */
static __always_inline bool add(__u64 call_site, __u64 cache, __u32 kind, __u64 bytes) {
    __u32 tgid = bpf_get_current_pid_tgid() >> 32;
    struct alloc_value first = {.count = 1, .bytes = bytes};
    struct alloc_key key = {.call_site = call_site, .cache = cache, .kind = kind};
    struct alloc_value* value;

    count(ALLOC_RUNS);
    if (!counting || tgid == self_tgid)
        return false;
    key.workload = in_workload(tgid);
    count(ALLOC_SYSTEM);
    if (key.workload)
        count(ALLOC_WORKLOAD);
    value = bpf_map_lookup_elem(&allocs, &key);
    /* Per-CPU values: plain increments are exact (one program at a time per CPU). */
    if (value) {
        value->count++;
        value->bytes += bytes;
        return false;
    }
    if (bpf_map_update_elem(&allocs, &key, &first, BPF_NOEXIST) == 0)
        return true;
    count(ALLOC_DROPPED);
    return false;
}

static __always_inline void name_cache(struct kmem_cache* s) {
    struct alloc_cache_name name = {};
    __u64 id = (__u64)s;

    bpf_probe_read_kernel_str(name.name, sizeof(name.name), BPF_CORE_READ(s, name));
    bpf_map_update_elem(&cache_names, &id, &name, BPF_NOEXIST);
}

static __always_inline int on_cache_alloc(__u64 call_site, struct kmem_cache* s) {
    if (add(call_site, (__u64)s, ALLOC_KMEM_CACHE, BPF_CORE_READ(s, size)))
        name_cache(s);
    return 0;
}

/* tp_btf and raw_tp programs take the same arguments, so each is written once for both:
 * alloc_{kmalloc,cache,page}_btf and alloc_{kmalloc,cache,page}_raw. */
#define ALLOC_PROGRAMS(mechanism, suffix)                                                          \
    SEC(mechanism "/kmalloc")                                                                      \
    int BPF_PROG(alloc_kmalloc_##suffix, unsigned long call_site, const void* ptr,                 \
                 __u64 bytes_req, __u64 bytes_alloc) {                                             \
        add(call_site, 0, ALLOC_KMALLOC, bytes_alloc);                                             \
        return 0;                                                                                  \
    }                                                                                              \
                                                                                                   \
    SEC(mechanism "/kmem_cache_alloc")                                                             \
    int BPF_PROG(alloc_cache_##suffix, unsigned long call_site, const void* ptr,                   \
                 struct kmem_cache* s) {                                                           \
        return on_cache_alloc(call_site, s);                                                       \
    }                                                                                              \
                                                                                                   \
    SEC(mechanism "/mm_page_alloc")                                                                \
    int BPF_PROG(alloc_page_##suffix, void* page, unsigned int order) {                            \
        add(0, order, ALLOC_PAGE, page_size << order);                                             \
        return 0;                                                                                  \
    }

ALLOC_PROGRAMS("tp_btf", btf)
ALLOC_PROGRAMS("raw_tp", raw)

/* The classic tracepoint records (/sys/kernel/tracing/events/kmem/.../format). */
struct kmalloc_record {
    __u64 common;
    __u64 call_site;
    __u64 ptr;
    __u64 bytes_req;
    __u64 bytes_alloc;
};

struct kmem_cache_alloc_record {
    __u64 common;
    __u64 call_site;
    __u64 ptr;
    __u32 name_loc; /* __data_loc: offset in the low 16 bits, length in the high 16 */
    __u32 pad;
    __u64 bytes_req;
    __u64 bytes_alloc;
};

struct mm_page_alloc_record {
    __u64 common;
    __u64 pfn;
    __u32 order;
};

SEC("tp/kmem/kmalloc")
int alloc_kmalloc_tp(struct kmalloc_record* record) {
    add(record->call_site, 0, ALLOC_KMALLOC, record->bytes_alloc);
    return 0;
}

/* The record names the cache but gives no pointer: the id is a hash of the name (FNV-1a). */
SEC("tp/kmem/kmem_cache_alloc")
int alloc_cache_tp(struct kmem_cache_alloc_record* record) {
    struct alloc_cache_name name = {};
    __u64 id = 0xcbf29ce484222325ULL;
    int i;

    bpf_probe_read_kernel_str(name.name, sizeof(name.name),
                              (char*)record + (record->name_loc & 0xffff));
#pragma unroll
    for (i = 0; i < ALLOC_CACHE_NAME_LEN; i++) {
        if (name.name[i] == 0)
            break;
        id = (id ^ (__u8)name.name[i]) * 0x100000001b3ULL;
    }
    if (add(record->call_site, id, ALLOC_KMEM_CACHE, record->bytes_alloc))
        bpf_map_update_elem(&cache_names, &id, &name, BPF_NOEXIST);
    return 0;
}

SEC("tp/kmem/mm_page_alloc")
int alloc_page_tp(struct mm_page_alloc_record* record) {
    add(0, record->order, ALLOC_PAGE, page_size << record->order);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
