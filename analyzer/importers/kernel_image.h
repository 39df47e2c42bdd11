#pragma once

#include <string_view>

namespace iolab::importers {

// Whether a profiler's image or DSO name is the kernel itself (not a module): perf's
// "[kernel.kallsyms]" and its per-map variants ("[kernel.kallsyms]_text"), "[guest.kernel...]",
// a vmlinux file by path ("/build/linux/vmlinux", "/usr/lib/debug/boot/vmlinux-6.1.0-13-amd64"),
// and the kernel's own symbol sources ("/proc/kallsyms", "/proc/kcore"). perf and opreport
// both name the kernel these ways, so both importers ask this one function.
bool isKernelImage(std::string_view name);

} // namespace iolab::importers
