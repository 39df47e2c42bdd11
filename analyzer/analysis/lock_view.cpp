#include "analyzer/analysis/lock_view.h"

#include "analyzer/errors.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>

namespace iolab::analysis {
namespace {

constexpr std::array kPrimitivePrefixes = {
    "_raw_spin_",
    "_raw_read_",
    "_raw_write_",
    "raw_spin_rq_",
    "queued_",
    "__pv_",
    "pv_",
    "native_queued_",
    "do_raw_spin_",
    "rwsem_down_",
    "__rwsem_",
    "__down_",
    "down_read",
    "down_write",
    "__mutex_lock",
    "mutex_lock",
    "__rt_mutex",
    "rt_mutex_",
    "rtlock_",
    "osq_lock",
    "percpu_down_",
    "__percpu_down_",
    "__traceiter_",
    "trace_contention_",
    "mmap_read_lock",
    "mmap_write_lock",
    "__lock_text_start",
};

// Locks a primitive on the stack names, whatever object holds them.
struct NamedBy {
    const char* prefix;
    const char* name;
};
constexpr std::array kNamingPrimitives = {
    NamedBy{"raw_spin_rq_lock", "runqueue lock"}, NamedBy{"_raw_spin_rq_lock", "runqueue lock"},
    NamedBy{"double_rq_lock", "runqueue lock"},   NamedBy{"mmap_read_lock", "mmap_lock"},
    NamedBy{"mmap_write_lock", "mmap_lock"},      NamedBy{"lock_mm_and_find_vma", "mmap_lock"},
};

std::string identifiedLock(const LockStat& lock) {
    for (auto frame = lock.stack.rbegin(); frame != lock.stack.rend(); ++frame) {
        for (const NamedBy& named : kNamingPrimitives) {
            if (frame->symbol.starts_with(named.prefix)) {
                return named.name;
            }
        }
        if (!isLockingPrimitive(frame->symbol)) {
            break; // only the primitives just above the caller say which lock
        }
    }
    return "";
}

// "rwsem" for "rwsem-read": a class holds the lock whichever side waited.
std::string kindWithoutSide(const std::string& kind) {
    for (const std::string_view side : {"-read", "-write"}) {
        if (kind.ends_with(side)) {
            return kind.substr(0, kind.size() - side.size());
        }
    }
    return kind;
}

std::string valueAt(const std::map<std::uint64_t, std::string>& byAddress, std::uint64_t address) {
    const auto found = byAddress.find(address);
    return found == byAddress.end() ? "" : found->second;
}

struct Accumulated {
    LockGroup group;
    std::set<std::uint64_t> addresses;
    std::set<std::string> kinds;
    std::map<std::string, std::uint64_t> details; // detail -> total wait
};

} // namespace

bool isLockingPrimitive(std::string_view symbol) {
    return std::any_of(kPrimitivePrefixes.begin(), kPrimitivePrefixes.end(),
                       [&](const char* prefix) { return symbol.starts_with(prefix); });
}

std::string lockCaller(const LockStat& lock) {
    if (lock.stack.empty()) {
        return "[no stack]";
    }
    for (auto frame = lock.stack.rbegin(); frame != lock.stack.rend(); ++frame) {
        if (!isLockingPrimitive(frame->symbol)) {
            return frame->symbol;
        }
    }
    return lock.stack.front().symbol;
}

LockNames::LockNames(const std::vector<LockStat>& locks) {
    for (const LockStat& lock : locks) {
        if (std::string identified = identifiedLock(lock); !identified.empty()) {
            m_identified.emplace(lock.address, std::move(identified));
        }
        if (!lock.cache.empty()) {
            m_caches.emplace(lock.address, lock.cache);
        }
    }
}

std::string LockNames::described(const LockStat& lock) const {
    const std::string identified = valueAt(m_identified, lock.address);
    const std::string cache = valueAt(m_caches, lock.address);
    if (cache.empty()) {
        return identified;
    }
    return (identified.empty() ? kindWithoutSide(lock.kind) : identified) + " in " + cache;
}

std::string LockNames::name(const LockStat& lock) const {
    if (!lock.symbol.empty()) {
        return lock.symbol;
    }
    std::ostringstream hex;
    hex << "0x" << std::hex << lock.address;
    const std::string what = described(lock);
    return what.empty() ? hex.str() : what + " (" + hex.str() + ")";
}

std::string LockNames::lockClass(const LockStat& lock) const {
    if (!lock.symbol.empty()) {
        return lock.symbol.substr(0, lock.symbol.find('+'));
    }
    if (std::string identified = valueAt(m_identified, lock.address); !identified.empty()) {
        return identified;
    }
    const std::string what = described(lock);
    return what.empty() ? "unnamed " + lock.kind : what;
}

std::string_view toString(LockGrouping grouping) {
    switch (grouping) {
    case LockGrouping::Caller:
        return "caller";
    case LockGrouping::Lock:
        return "lock";
    case LockGrouping::Class:
        return "class";
    }
    return "caller";
}

LockGrouping lockGroupingFromString(std::string_view name) {
    for (const LockGrouping grouping :
         {LockGrouping::Caller, LockGrouping::Lock, LockGrouping::Class}) {
        if (toString(grouping) == name) {
            return grouping;
        }
    }
    throw InputError("unknown lock grouping '" + std::string(name) +
                     "' (choices: caller, lock, class)");
}

std::vector<LockGroup> groupLocks(const std::vector<LockStat>& locks, LockGrouping grouping) {
    const LockNames names(locks);
    std::map<std::string, Accumulated> groups;
    for (std::size_t index = 0; index < locks.size(); ++index) {
        const LockStat& lock = locks[index];
        const std::string caller = lockCaller(lock);
        const std::string key = grouping == LockGrouping::Caller ? caller
                                : grouping == LockGrouping::Lock ? names.name(lock)
                                                                 : names.lockClass(lock);
        Accumulated& at = groups[key];
        at.group.key = key;
        at.addresses.insert(lock.address);
        at.kinds.insert(lock.kind);
        at.details[grouping == LockGrouping::Caller ? names.name(lock) : caller] +=
            lock.total_wait_ns;
        at.group.members.push_back(index);
        at.group.contentions += lock.contentions;
        at.group.total_wait_ns += lock.total_wait_ns;
        at.group.max_wait_ns = std::max(at.group.max_wait_ns, lock.max_wait_ns);
    }
    std::vector<LockGroup> rows;
    for (auto& [key, at] : groups) {
        at.group.locks = at.addresses.size();
        at.group.kind = at.kinds.size() == 1 ? *at.kinds.begin() : "mixed";
        const auto top =
            std::max_element(at.details.begin(), at.details.end(),
                             [](const auto& a, const auto& b) { return a.second < b.second; });
        at.group.detail = top->first;
        std::stable_sort(at.group.members.begin(), at.group.members.end(),
                         [&](std::size_t a, std::size_t b) {
                             return locks[a].total_wait_ns > locks[b].total_wait_ns;
                         });
        rows.push_back(std::move(at.group));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const LockGroup& a, const LockGroup& b) {
        return a.total_wait_ns > b.total_wait_ns;
    });
    return rows;
}

} // namespace iolab::analysis
