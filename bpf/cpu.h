/* Shared by cpu.bpf.c and its loader collector/probes/cpu.cpp. Fixed-width, padding-free. */
#ifndef IOLAB_BPF_CPU_H
#define IOLAB_BPF_CPU_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

#define CPU_STACK_DEPTH 127
#define CPU_COMM_LEN 16

/* Samples of one process on one (kernel stack, user stack) pair. */
struct cpu_key {
    __u32 tgid;
    __s32 kernel_stack; /* negative: none (user mode) or not stored */
    __s32 user_stack;   /* negative: none (kernel thread) or not stored */
    __u32 pad;
    char comm[CPU_COMM_LEN];
};

/* Indexes of the per-CPU array `counters`. */
enum cpu_counter {
    CPU_SAMPLES,          /* every sample, idle included */
    CPU_IDLE,             /* samples of the idle task, not kept as stacks */
    CPU_STACK_COLLISIONS, /* bpf_get_stackid: a different stack held the slot */
    CPU_STACK_MISSING,    /* bpf_get_stackid: any other failure but "no user stack" */
    CPU_DROPPED,          /* `samples` was full */
    CPU_COUNTERS
};

#endif /* IOLAB_BPF_CPU_H */
