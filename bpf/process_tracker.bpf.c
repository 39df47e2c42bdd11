/* Keeps the set of the workload's processes (tgids): a child forked by a tracked process is
 * tracked, a tracked process leaves the set when its last thread exits. The loader seeds the
 * map with the workload's pid; other probes filter by it through the shared map fd. */
#include "process_tracker.h"

#include "kernel_types.h"

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, TRACKER_MAX_PROCESSES);
    __type(key, __u32);
    __type(value, __u8);
} tracked SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct tracker_stats);
} tracker_stats SEC(".maps");

static __always_inline struct tracker_stats* stats_here(void) {
    __u32 zero = 0;
    return bpf_map_lookup_elem(&tracker_stats, &zero);
}

/* Runs in the parent's context. `child_tgid` equals the parent's for a new thread. */
static __always_inline void on_fork(__u32 child_tgid) {
    __u32 parent_tgid = bpf_get_current_pid_tgid() >> 32;
    struct tracker_stats* stats;
    __u8 one = 1;

    if (child_tgid == parent_tgid || !bpf_map_lookup_elem(&tracked, &parent_tgid))
        return;
    stats = stats_here();
    if (bpf_map_update_elem(&tracked, &child_tgid, &one, BPF_ANY) != 0) {
        if (stats)
            stats->dropped++;
    } else if (stats) {
        stats->forks++;
    }
}

/* Runs in the exiting thread's context; the process ends with its group leader. */
static __always_inline void on_exit(void) {
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    __u32 tgid = pid_tgid >> 32;
    struct tracker_stats* stats;

    if ((__u32)pid_tgid != tgid)
        return;
    if (bpf_map_delete_elem(&tracked, &tgid) == 0 && (stats = stats_here()))
        stats->exits++;
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(fork_btf, struct task_struct* parent, struct task_struct* child) {
    on_fork(child->tgid);
    return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(exit_btf) {
    on_exit();
    return 0;
}

SEC("raw_tp/sched_process_fork")
int BPF_PROG(fork_raw, struct task_struct* parent, struct task_struct* child) {
    on_fork(BPF_CORE_READ(child, tgid));
    return 0;
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(exit_raw) {
    on_exit();
    return 0;
}

/* The classic record names the child's thread id; for a new process that is its tgid, and a new
 * thread of a tracked process only adds a harmless extra entry. */
SEC("tp/sched/sched_process_fork")
int fork_tp(struct trace_event_raw_sched_process_fork* ctx) {
    on_fork(BPF_CORE_READ(ctx, child_pid));
    return 0;
}

SEC("tp/sched/sched_process_exit")
int exit_tp(void* ctx) {
    on_exit();
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
