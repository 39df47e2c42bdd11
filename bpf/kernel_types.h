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

/* Opaque here: iolab only passes it along (the first argument of the sys_enter tracepoint). */
struct pt_regs;

/* Kernel structs are not ABI. Each goes inside one
 *   #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
 * region and lists only the fields iolab reads: every access then becomes a CO-RE relocation
 * that libbpf resolves against the running kernel's BTF at load time, so field order and the
 * missing fields do not matter. A field whose name or type changed between kernels gets a
 * `struct NAME___flavour` beside the current one, tested with bpf_core_field_exists(), and a
 * comment citing the kernel commit. (No struct is read yet; an empty region is an error.) */

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#endif /* IOLAB_BPF_KERNEL_TYPES_H */
