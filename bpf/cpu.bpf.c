/* CPU sampling: a perf_event program on cpu-clock counts samples per (process, kernel stack,
 * user stack) in the kernel, so only the aggregate reaches user space. */
#include "cpu.h"

#include "kernel_types.h"
#include "probe_common.h"

#define EEXIST 17
#define EFAULT 14
#define BPF_F_USER_STACK (1ULL << 8)

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct cpu_key);
    __type(value, __u64);
} samples SEC(".maps");

PROBE_STACKS(16384, CPU_STACK_DEPTH);

PROBE_COUNTERS(CPU_COUNTERS)

static __always_inline __s32 stack_of(void* ctx, __u64 flags) {
    long id = bpf_get_stackid(ctx, &stacks, flags);

    if (id == -EEXIST)
        count(CPU_STACK_COLLISIONS);
    else if (id < 0 && id != -EFAULT)
        count(CPU_STACK_MISSING);
    return (__s32)id;
}

SEC("perf_event")
int cpu_sample(void* ctx) {
    __u64 id = bpf_get_current_pid_tgid();
    struct cpu_key key = {};
    __u64 one = 1;
    __u64* value;

    count(CPU_SAMPLES);
    if (id == 0) {
        count(CPU_IDLE);
        return 0;
    }
    key.tgid = id >> 32;
    key.kernel_stack = stack_of(ctx, 0);
    key.user_stack = stack_of(ctx, BPF_F_USER_STACK);
    bpf_get_current_comm(key.comm, sizeof(key.comm));
    value = bpf_map_lookup_elem(&samples, &key);
    if (value)
        __sync_fetch_and_add(value, 1);
    else if (bpf_map_update_elem(&samples, &key, &one, BPF_NOEXIST) != 0)
        count(CPU_DROPPED);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
