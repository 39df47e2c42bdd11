/* Log-linear buckets, shared by the BPF programs that fill histograms and by the analyzer that
 * reads them: the one definition of what a bucket index means. C only, static inline, no libc,
 * so both clang -target bpf and the host C++ compiler build it (tests/analyzer/analysis checks
 * it on the host).
 *
 * Values below LOGLIN_SUB get a bucket each. Above, every power of two [2^p, 2^(p+1)) is split
 * into LOGLIN_SUB equal steps, so a bucket is at most 1/LOGLIN_SUB (6.25%) of its lower bound
 * wide: percentiles are accurate to a few percent instead of log2's factor of two. Values of
 * 2^LOGLIN_MAX_BITS and more (18 minutes in nanoseconds, 1 TiB in bytes) saturate into the last
 * bucket. */
#ifndef IOLAB_BPF_LOGLINEAR_H
#define IOLAB_BPF_LOGLINEAR_H

#ifdef __bpf__
#include "kernel_types.h"
#else
#include <linux/types.h>
#endif

#define LOGLIN_SUB_BITS 4
#define LOGLIN_SUB (1u << LOGLIN_SUB_BITS)
#define LOGLIN_MAX_BITS 40
#define LOGLIN_BUCKETS (LOGLIN_SUB * (LOGLIN_MAX_BITS - LOGLIN_SUB_BITS + 1))

/* floor(log2(v)) for v > 0, by halving: BPF has no count-leading-zeros instruction. */
static inline __u32 loglin_log2(__u64 v) {
    __u32 r = 0;
    __u32 shift;

    shift = (v > 0xFFFFFFFFULL) << 5;
    v >>= shift;
    r |= shift;
    shift = (v > 0xFFFF) << 4;
    v >>= shift;
    r |= shift;
    shift = (v > 0xFF) << 3;
    v >>= shift;
    r |= shift;
    shift = (v > 0xF) << 2;
    v >>= shift;
    r |= shift;
    shift = (v > 0x3) << 1;
    v >>= shift;
    r |= shift;
    return r | (__u32)(v >> 1);
}

static inline __u32 loglin_index(__u64 v) {
    __u32 p;

    if (v < LOGLIN_SUB)
        return (__u32)v;
    if (v >> LOGLIN_MAX_BITS)
        return LOGLIN_BUCKETS - 1;
    p = loglin_log2(v);
    return (p - LOGLIN_SUB_BITS + 1) * LOGLIN_SUB +
           (__u32)((v >> (p - LOGLIN_SUB_BITS)) & (LOGLIN_SUB - 1));
}

/* The smallest value of bucket `index`. */
static inline __u64 loglin_lower(__u32 index) {
    __u32 group = index / LOGLIN_SUB;

    if (group == 0)
        return index;
    return (__u64)(LOGLIN_SUB + index % LOGLIN_SUB) << (group - 1);
}

/* One past the largest value of bucket `index`. */
static inline __u64 loglin_upper(__u32 index) {
    __u32 group = index / LOGLIN_SUB;

    if (group == 0)
        return index + 1;
    return (__u64)(LOGLIN_SUB + index % LOGLIN_SUB + 1) << (group - 1);
}

#endif /* IOLAB_BPF_LOGLINEAR_H */
