#pragma once

#include "analyzer/model/costs.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Contended locks as people recognise them: the function that wanted the lock (not the spin
// loop it waited in) and the lock's name where the kernel gives one. `iolab show`, its JSON and
// the GUI's Locks tab all group through groupLocks().
namespace iolab::analysis {

// Whether `symbol` is part of the locking machinery rather than its user: the spin, queue,
// mutex, rwsem and rt-mutex slow paths and their wrappers (_raw_spin_lock*, queued_*,
// __pv_*, native_queued_*, rwsem_down_*, __mutex_lock*, mutex_lock*, down_read*, ...), the
// runqueue lock helpers (raw_spin_rq_lock*), and the contention tracepoint's own frames. The
// same list `perf lock contention` skips to find a caller.
bool isLockingPrimitive(std::string_view symbol);

// The first frame outside the locking primitives, from the innermost outwards; "[no stack]"
// when the stack is empty, the outermost frame when every frame is a primitive.
std::string lockCaller(const LockStat& lock);

// The names of a run's locks. A lock the primitives on one of its stacks identify keeps that
// name on every stack of the same address: the runqueue lock taken through raw_spin_rq_lock in
// one place is the same lock where that helper was inlined. So does the slab cache of the
// object holding it, where the probe named one.
class LockNames {
public:
    explicit LockNames(const std::vector<LockStat>& locks);

    // Its static symbol ("rtnl_mutex", "jiffies_lock+0x8"), else what it is with its address:
    // the lock the primitives identify ("runqueue lock" under raw_spin_rq_lock*, "mmap_lock"
    // under mmap_read_lock/lock_mm_and_find_vma), followed by "in CACHE" for a lock in a slab
    // object ("mmap_lock in mm_struct (0x...)", "mutex in kmalloc-192 (0x...)"); else its
    // address in hex. Two locks never share a name unless they are one static lock.
    std::string name(const LockStat& lock) const;
    // Its static symbol without offset, or the identified lock, or "KIND in CACHE" for an
    // unidentified lock in a slab object ("rwsem in mm_struct"), or "unnamed KIND": all
    // runqueue locks are one class, and so are the spinlocks of every task_struct.
    std::string lockClass(const LockStat& lock) const;

private:
    std::string described(const LockStat& lock) const; // identified or "KIND in CACHE"

    std::map<std::uint64_t, std::string> m_identified; // address -> identified lock
    std::map<std::uint64_t, std::string> m_caches;     // address -> slab cache of its object
};

enum class LockGrouping { Caller, Lock, Class };

// "caller", "lock", "class": the command line's and JSON's names.
std::string_view toString(LockGrouping grouping);
// Throws InputError naming the choices for anything else.
LockGrouping lockGroupingFromString(std::string_view name);

// Contention of one group: a caller, a lock or a lock class.
struct LockGroup {
    std::string key;         // the caller, lock name or lock class
    std::string kind;        // the locks' kind, "mixed" when they differ
    std::string detail;      // Lock, Class: the top caller; Caller: the lock it waited on most
    std::uint64_t locks = 0; // distinct lock addresses
    std::uint64_t contentions = 0;
    std::uint64_t total_wait_ns = 0;
    std::uint64_t max_wait_ns = 0;
    std::vector<std::size_t> members; // indices of its LockStats, the longest wait first
};

// The locks grouped, the longest total wait first (then key).
std::vector<LockGroup> groupLocks(const std::vector<LockStat>& locks, LockGrouping grouping);

} // namespace iolab::analysis
