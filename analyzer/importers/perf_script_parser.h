#pragma once

#include "analyzer/importers/byte_scan.h"
#include "analyzer/model/stack_profile.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iolab::importers {

// The first line of a `perf script` sample:
//   COMM PID[/TID] [CPU] TIME: [PERIOD] EVENT: [REST]
// COMM may hold spaces, so the fields are found from the PID on. Views point into the line.
struct PerfSampleHeader {
    std::string_view comm;
    std::int64_t pid = 0;
    std::int64_t tid = 0;
    int cpu = -1;
    std::optional<std::uint64_t> period;
    std::string_view event;
    std::string_view rest; // tracepoint fields, or "IP SYM (DSO)" of a sample without a stack
};

std::optional<PerfSampleHeader> parsePerfSampleHeader(std::string_view line);

// Whether `c` is a hexadecimal digit, by table: frame lines are checked digit by digit.
inline bool isHexDigit(char c) {
    static constexpr auto kHex = [] {
        std::array<bool, 256> hex{};
        for (const char digit : std::string_view("0123456789abcdefABCDEF")) {
            hex[static_cast<unsigned char>(digit)] = true;
        }
        return hex;
    }();
    return kHex[static_cast<unsigned char>(c)];
}

// One frame: "IP SYM[+0xOFF] (DSO)", leading whitespace removed.
struct PerfFrame {
    std::string_view ip;
    std::string_view symbol; // offset stripped; "[unknown]" when perf had none
    std::string_view module; // empty when perf printed no DSO
};

std::optional<PerfFrame> parsePerfFrame(std::string_view text);

// Whether a hex instruction pointer as perf prints it lies in the kernel half of the address
// space (x86-64 and arm64 canonical kernel addresses).
bool isKernelAddress(std::string_view ip);

// Kernel for the kernel image (isKernelImage: "[kernel.kallsyms]", a vmlinux path, ...) or an
// unknown DSO at a kernel address, Module for a kernel module ("[xfs]",
// "/lib/modules/.../xfs.ko"), User otherwise ([vdso], [unknown], libraries).
FrameKind perfFrameKind(std::string_view module, bool kernelAddress);

// The event without perf's modifiers: "cycles" for "cycles", "cycles:u" and "cycles:ppp" (one
// event, counted with different privilege or precision settings); a tracepoint
// ("sched:sched_switch") is returned whole.
std::string_view perfEventBase(std::string_view event);

} // namespace iolab::importers
