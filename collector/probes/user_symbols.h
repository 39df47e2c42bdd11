#pragma once

#include "analyzer/model/stack_profile.h"

#include <cstdint>
#include <map>
#include <sys/types.h>

namespace iolab::probes {

// User-space symbols per process through bcc's symbolizer (shared libraries, PIE, debug files,
// build ids, /tmp/perf-PID.map). A process's memory map is read when it is first seen, so a
// process that exits before the end of the recording still resolves, as long as its files
// remain.
class UserSymbols {
public:
    UserSymbols() = default;
    ~UserSymbols();
    UserSymbols(const UserSymbols&) = delete;
    UserSymbols& operator=(const UserSymbols&) = delete;

    // Reads the memory map of `tgid` now, unless already read. False when the process is gone.
    bool see(pid_t tgid);
    // The function at `address` in `tgid`: its (demangled) symbol and module path; symbol
    // "[unknown]" when the address is in no known symbol.
    Frame frame(pid_t tgid, std::uint64_t address);

private:
    std::map<pid_t, void*> m_caches; // bcc symcache per tgid, null when the process was gone
};

} // namespace iolab::probes
