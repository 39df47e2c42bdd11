/* Shared by syscount.bpf.c and its loader collector/probes/syscount.cpp: the one seam between
 * them. Fixed-width and padding-free so both compilers agree on the layout. */
#ifndef IOLAB_BPF_SYSCOUNT_H
#define IOLAB_BPF_SYSCOUNT_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

/* The value of the single-entry per-CPU array `counts`; user space sums it over CPUs. */
struct syscount_value {
    __u64 calls;
};

#endif /* IOLAB_BPF_SYSCOUNT_H */
