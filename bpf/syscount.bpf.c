/* Counts the getppid calls of one process: the smallest probe that exercises the whole path
 * (build, skeleton, attach plan, per-CPU map read). */
#include "syscount.h"

#include "kernel_types.h"

const volatile bool filter_tgid = false;
const volatile __u32 targ_tgid = 0;
/* The sys_enter mechanisms see every syscall. The loader supplies getppid's number from the
 * host's <sys/syscall.h>, so no architecture's syscall table is copied here. */
const volatile long targ_syscall_nr = -1;

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct syscount_value);
} counts SEC(".maps");

static __always_inline int count_call(void) {
    __u32 tgid = bpf_get_current_pid_tgid() >> 32;
    __u32 key = 0;
    struct syscount_value* value;

    if (filter_tgid && tgid != targ_tgid)
        return 0;
    value = bpf_map_lookup_elem(&counts, &key);
    /* A plain increment is exact: the slot is this CPU's, and the kernel never runs the program
     * twice at once on one CPU (a nested run is skipped and counted in recursion_misses). */
    if (value)
        value->calls++;
    return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(syscount_btf, struct pt_regs* regs, long id) {
    return id == targ_syscall_nr ? count_call() : 0;
}

SEC("raw_tp/sys_enter")
int BPF_PROG(syscount_raw, struct pt_regs* regs, long id) {
    return id == targ_syscall_nr ? count_call() : 0;
}

SEC("tp/syscalls/sys_enter_getppid")
int syscount_tp(void* ctx) {
    return count_call();
}

char LICENSE[] SEC("license") = "GPL";
