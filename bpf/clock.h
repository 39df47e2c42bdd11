/* Shared by clock.bpf.c and its loader collector/probes/clock.cpp. Fixed-width, padding-free. */
#ifndef IOLAB_BPF_CLOCK_H
#define IOLAB_BPF_CLOCK_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

#define CLOCK_COMM_LEN 16

/* How a clock was read. */
enum clock_call {
    CLOCK_LIBC_CLOCK_GETTIME, /* libc's clock_gettime (then the vDSO or the syscall) */
    CLOCK_SYS_CLOCK_GETTIME,  /* the clock_gettime system call */
    CLOCK_SYS_GETTIMEOFDAY,
    CLOCK_SYS_TIME,
};

/* How a count was obtained: every call while exact, or within a sampling window. */
enum clock_phase {
    CLOCK_PHASE_EXACT,
    CLOCK_PHASE_WINDOW,
};

struct clock_key {
    __u32 tgid;
    __u32 tid;      /* libc calls only: windows are scaled per thread; 0 for syscalls */
    __s32 clock_id; /* clock_gettime's clock; -1 for gettimeofday and time */
    __u32 call;     /* enum clock_call */
    __u32 phase;    /* enum clock_phase */
    __u32 pad;
    char comm[CLOCK_COMM_LEN];
};

/* Indexes of the per-CPU array `counters`. */
enum clock_counter {
    CLOCK_UPROBE_HITS,   /* every uprobe hit, of any process: what the uprobes cost */
    CLOCK_DROPPED,       /* `reads` was full */
    CLOCK_SYSCALL_RUNS,  /* every system call entered while attached: what that path costs */
    CLOCK_SYSCALL_READS, /* clock system calls counted */
    CLOCK_COUNTERS
};

#endif /* IOLAB_BPF_CLOCK_H */
