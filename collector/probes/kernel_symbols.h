#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace iolab::probes {

// The kernel's symbols from /proc/kallsyms (modules included), read once: resolves code
// addresses to frames and static data addresses to "symbol+0xoffset".
class KernelSymbols {
public:
    // Reads /proc/kallsyms; throws SystemError when it cannot be read or shows only zero
    // addresses (kptr_restrict without root).
    KernelSymbols();

    // The function containing `address`: symbol, "[kernel.kallsyms]" or "[module]", kind Kernel
    // or Module. "[unknown]" outside every known symbol.
    Frame frame(std::uint64_t address) const;
    // The static object holding `address` ("jiffies_lock", "rtnl_mutex+0x10"), or nothing when
    // the address is not inside the kernel's data (a lock in a heap object).
    std::optional<std::string> dataSymbol(std::uint64_t address) const;

private:
    struct Symbol {
        std::uint64_t address = 0;
        std::string name;
        std::string module; // empty for vmlinux
        bool data = false;
    };
    // The symbol at or before `address` among `symbols`, null when none.
    static const Symbol* nearest(const std::vector<Symbol>& symbols, std::uint64_t address);

    std::vector<Symbol> m_text; // sorted by address
    std::vector<Symbol> m_data; // sorted by address
};

} // namespace iolab::probes
