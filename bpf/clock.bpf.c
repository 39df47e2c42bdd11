/* Clock reads: the clock system calls (sys_enter, filtered by number) and libc's clock_gettime
 * (a uprobe, which costs a trap per call: the loader keeps it attached only within a budget
 * and then in short windows). */
#include "clock.h"

#include "kernel_types.h"
#include "probe_common.h"

const volatile __u32 targ_self_tgid = 0;
/* From the host's <sys/syscall.h>, so no syscall table is copied here; -1: not on this arch. */
const volatile long targ_nr_clock_gettime = -1;
const volatile long targ_nr_gettimeofday = -1;
const volatile long targ_nr_time = -1;
/* Written by the loader while attached: the phase new counts belong to. */
volatile __u32 phase = CLOCK_PHASE_EXACT;
/* Written by the loader: 0 while a window closes (the breakpoints still trap, uncounted). */
volatile __u32 counting = 1;
/* Written by the loader: 0 outside the recorder's sampling windows. */
volatile __u32 syscalls_counting = 1;

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
    unsigned long di;
};
#define FIRST_ARGUMENT(regs) BPF_CORE_READ(regs, di)
#define UPROBE_FIRST_ARGUMENT(regs) ((regs)->di)
#else
struct user_pt_regs {
    __u64 regs[31];
};
#define FIRST_ARGUMENT(regs) BPF_CORE_READ((struct user_pt_regs*)(regs), regs[0])
#define UPROBE_FIRST_ARGUMENT(regs) (((struct user_pt_regs*)(regs))->regs[0])
#endif
#pragma clang attribute pop

PROBE_WORKLOAD_FILTER()

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct clock_key);
    __type(value, __u64);
} reads SEC(".maps");

PROBE_COUNTERS(CLOCK_COUNTERS)

/* Returns true when the read was counted. */
static __always_inline bool add_read(__u32 call, __s32 clock_id, bool per_thread) {
    __u64 id = bpf_get_current_pid_tgid();
    struct clock_key key = {};
    __u64 one = 1;
    __u64* value;

    key.tgid = id >> 32;
    if (key.tgid == targ_self_tgid)
        return false;
    if (!in_workload(key.tgid))
        return false;
    key.tid = per_thread ? (__u32)id : 0;
    key.clock_id = clock_id;
    key.call = call;
    key.phase = per_thread ? phase : CLOCK_PHASE_EXACT;
    bpf_get_current_comm(key.comm, sizeof(key.comm));
    value = bpf_map_lookup_elem(&reads, &key);
    if (value)
        __sync_fetch_and_add(value, 1);
    else if (bpf_map_update_elem(&reads, &key, &one, BPF_NOEXIST) != 0)
        count(CLOCK_DROPPED);
    return true;
}

static __always_inline void add_syscall_read(__u32 call, __s32 clock_id) {
    if (add_read(call, clock_id, false))
        count(CLOCK_SYSCALL_READS);
}

static __always_inline int on_sys_enter(struct pt_regs* regs, long nr) {
    count(CLOCK_SYSCALL_RUNS);
    if (!syscalls_counting)
        return 0;
    if (nr == targ_nr_clock_gettime)
        add_syscall_read(CLOCK_SYS_CLOCK_GETTIME, (__s32)FIRST_ARGUMENT(regs));
    else if (nr == targ_nr_gettimeofday)
        add_syscall_read(CLOCK_SYS_GETTIMEOFDAY, -1);
    else if (nr == targ_nr_time)
        add_syscall_read(CLOCK_SYS_TIME, -1);
    return 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(clock_sys_btf, struct pt_regs* regs, long nr) {
    return on_sys_enter(regs, nr);
}

SEC("raw_tp/sys_enter")
int BPF_PROG(clock_sys_raw, struct pt_regs* regs, long nr) {
    return on_sys_enter(regs, nr);
}

/* Classic syscall tracepoint records: common fields, the syscall number, then the arguments. */
struct sys_enter_record {
    __u64 common;
    __s32 nr;
    __u32 pad;
    __u64 args[6];
};

SEC("tp/syscalls/sys_enter_clock_gettime")
int clock_sys_clock_gettime_tp(struct sys_enter_record* record) {
    count(CLOCK_SYSCALL_RUNS);
    if (syscalls_counting)
        add_syscall_read(CLOCK_SYS_CLOCK_GETTIME, (__s32)record->args[0]);
    return 0;
}

SEC("tp/syscalls/sys_enter_gettimeofday")
int clock_sys_gettimeofday_tp(struct sys_enter_record* record) {
    count(CLOCK_SYSCALL_RUNS);
    if (syscalls_counting)
        add_syscall_read(CLOCK_SYS_GETTIMEOFDAY, -1);
    return 0;
}

SEC("tp/syscalls/sys_enter_time")
int clock_sys_time_tp(struct sys_enter_record* record) {
    count(CLOCK_SYSCALL_RUNS);
    if (syscalls_counting)
        add_syscall_read(CLOCK_SYS_TIME, -1);
    return 0;
}

SEC("uprobe")
int clock_libc_clock_gettime(struct pt_regs* regs) {
    count(CLOCK_UPROBE_HITS);
    if (!counting)
        return 0;
    add_read(CLOCK_LIBC_CLOCK_GETTIME, (__s32)UPROBE_FIRST_ARGUMENT(regs), true);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
