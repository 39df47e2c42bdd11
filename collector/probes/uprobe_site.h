#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace iolab::probes {

// Where in a function a uprobe costs least. A breakpoint on most x86-64 instructions makes
// the kernel single-step a copy of the instruction after the trap (a second trap, dear on a
// virtual machine), while a conditional jump is emulated in the trap itself. So when the
// function starts with a few plain instructions and then a conditional jump that every call
// reaches, the probe goes on that jump: same calls, arguments still in their registers.
// `code`: the function's first bytes. Returns the jump's offset, or 0 (the entry) when the
// start is not one this knows (loads, moves and tests of registers, endbr64).
std::size_t emulatedBreakpointOffset(std::span<const std::uint8_t> code);

// emulatedBreakpointOffset of clock_gettime in the libc this process runs with (the workloads
// it starts run with the same one).
std::size_t clockGettimeBreakpointOffset();

} // namespace iolab::probes
