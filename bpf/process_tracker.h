/* Shared by process_tracker.bpf.c and its loader collector/probes/process_tracker.cpp. */
#ifndef IOLAB_BPF_PROCESS_TRACKER_H
#define IOLAB_BPF_PROCESS_TRACKER_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

/* Processes tracked at once: the capacity of the `tracked` map (key: u32 tgid, value: u8). */
#define TRACKER_MAX_PROCESSES 8192

/* The value of the single-entry per-CPU array `tracker_stats`. */
struct tracker_stats {
    __u64 forks;   /* processes added to the tree */
    __u64 exits;   /* processes of the tree that ended */
    __u64 dropped; /* children not tracked: the map was full */
};

#endif /* IOLAB_BPF_PROCESS_TRACKER_H */
