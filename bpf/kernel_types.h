/* The kernel types iolab's BPF programs use, written by hand instead of a vmlinux.h dump so
 * that the build needs neither kernel headers nor the build machine's BTF. BPF programs include
 * libbpf's BPF headers only through this one: those expect the types below to exist. */
#ifndef IOLAB_BPF_KERNEL_TYPES_H
#define IOLAB_BPF_KERNEL_TYPES_H

/* Integers as the kernel spells them (include/uapi/asm-generic/int-ll64.h). */
typedef signed char __s8;
typedef unsigned char __u8;
typedef short __s16;
typedef unsigned short __u16;
typedef int __s32;
typedef unsigned int __u32;
typedef long long __s64;
typedef unsigned long long __u64;

typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

/* Named in the prototypes of bpf_helper_defs.h. */
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;

typedef _Bool bool;
enum { false = 0, true = 1 };

/* UAPI constants (include/uapi/linux/bpf.h): a stable ABI, so plain values are safe here. */
enum bpf_map_type {
    BPF_MAP_TYPE_HASH = 1,
    BPF_MAP_TYPE_ARRAY = 2,
    BPF_MAP_TYPE_PERCPU_HASH = 5,
    BPF_MAP_TYPE_PERCPU_ARRAY = 6,
    BPF_MAP_TYPE_STACK_TRACE = 7,
    BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
    BPF_ANY = 0,
    BPF_NOEXIST = 1,
    BPF_EXIST = 2,
};

/* Map flag (uapi bpf.h): a hash map's entries are allocated as they are added. */
enum {
    BPF_F_NO_PREALLOC = 1U << 0,
};

/* Opaque here: iolab only passes it along (the first argument of the sys_enter tracepoint). */
struct pt_regs;

/* Kernel structs are not ABI. Each goes inside one
 *   #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
 * region and lists only the fields iolab reads: every access then becomes a CO-RE relocation
 * that libbpf resolves against the running kernel's BTF at load time, so field order and the
 * missing fields do not matter. A field whose name or type changed between kernels gets a
 * `struct NAME___flavour` beside the current one, tested with bpf_core_field_exists(), and a
 * comment citing the kernel commit. */

typedef __u32 dev_t;
typedef __u64 sector_t;
typedef __u8 blk_status_t;
typedef int pid_t;

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

/* Block layer (include/linux/blk-mq.h, blkdev.h, blk_types.h, bvec.h). */
struct gendisk {
    int major;
    int first_minor;
};

struct block_device {
    struct gendisk* bd_disk;
};

struct request_queue {
    struct gendisk* disk;
};

struct bio;

struct request {
    struct request_queue* q;
    struct bio* bio; /* the first bio; the others follow through bi_next */
    __u32 cmd_flags;
    unsigned int __data_len;
    sector_t __sector;
    __u64 start_time_ns;    /* set at allocation when I/O accounting (or a scheduler) wants it */
    __u64 io_start_time_ns; /* set at issue when the queue collects stats (QUEUE_FLAG_STATS) */
};

struct bvec_iter {
    sector_t bi_sector;
    unsigned int bi_size;
};

struct bio {
    struct bio* bi_next;
    struct block_device* bi_bdev;
    __u32 bi_opf;
    struct bvec_iter bi_iter;
};

/* Scheduler (include/linux/sched.h). */
struct task_struct {
    pid_t pid;
    pid_t tgid;
};

/* Slab allocator (mm/slab.h): a cache, as kmem:kmem_cache_alloc and bpf_get_kmem_cache give it. */
struct kmem_cache {
    unsigned int size;
    const char* name;
};

/* Classic tracepoint records (the "format" files under tracefs events/). */
struct trace_entry {
    unsigned short type;
};

struct trace_event_raw_block_rq {
    struct trace_entry ent;
    dev_t dev;
    sector_t sector;
    unsigned int nr_sector;
    unsigned int bytes;
    char rwbs[10];
};

struct trace_event_raw_block_rq_completion {
    struct trace_entry ent;
    dev_t dev;
    sector_t sector;
    unsigned int nr_sector;
    char rwbs[10];
};

struct trace_event_raw_block_rq_requeue {
    struct trace_entry ent;
    dev_t dev;
};

struct trace_event_raw_block_bio {
    struct trace_entry ent;
    dev_t dev;
    sector_t sector;
    unsigned int nr_sector;
    char rwbs[10];
};

struct trace_event_raw_block_split {
    struct trace_entry ent;
    dev_t dev;
    sector_t sector;
};

struct trace_event_raw_block_bio_complete {
    struct trace_entry ent;
    dev_t dev;
    sector_t sector;
};

struct trace_event_raw_sched_process_fork {
    struct trace_entry ent;
    pid_t parent_pid;
    pid_t child_pid;
};

#pragma clang attribute pop

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#endif /* IOLAB_BPF_KERNEL_TYPES_H */
