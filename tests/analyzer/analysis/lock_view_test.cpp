#include "analyzer/analysis/lock_view.h"
#include "analyzer/errors.h"

#include <catch2/catch.hpp>

using namespace iolab;
using analysis::LockGrouping;

namespace {

std::vector<Frame> kernelStack(std::initializer_list<const char*> outermostFirst) {
    std::vector<Frame> stack;
    for (const char* symbol : outermostFirst) {
        stack.push_back({symbol, "[kernel.kallsyms]", FrameKind::Kernel});
    }
    return stack;
}

LockStat lock(std::uint64_t address, std::string symbol, std::string kind, std::vector<Frame> stack,
              std::uint64_t contentions, std::uint64_t wait) {
    LockStat stat;
    stat.address = address;
    stat.symbol = std::move(symbol);
    stat.kind = std::move(kind);
    stat.stack = std::move(stack);
    stat.contentions = contentions;
    stat.total_wait_ns = wait;
    stat.max_wait_ns = wait / contentions;
    return stat;
}

// What the lock probe stores on this kernel: the contention tracepoint's frames are already
// cut; the slow path and its wrappers sit innermost.
std::vector<LockStat> contendedLocks() {
    return {
        lock(0xffff888100001000, "", "spinlock",
             kernelStack({"schedule", "__schedule", "raw_spin_rq_lock_nested", "_raw_spin_lock",
                          "queued_spin_lock_slowpath", "__pv_queued_spin_lock_slowpath"}),
             10, 1000),
        lock(0xffff888200001000, "", "spinlock",
             kernelStack({"try_to_wake_up", "ttwu_queue", "raw_spin_rq_lock_nested",
                          "_raw_spin_lock", "__pv_queued_spin_lock_slowpath"}),
             5, 4000),
        lock(0xffffffff82a01000, "jiffies_lock+0x8", "spinlock",
             kernelStack(
                 {"tick_do_update_jiffies64", "_raw_spin_lock", "__pv_queued_spin_lock_slowpath"}),
             2, 200),
        lock(0xffff888300002000, "", "rwsem-read",
             kernelStack({"exc_page_fault", "do_user_addr_fault", "lock_mm_and_find_vma",
                          "down_read", "rwsem_down_read_slowpath"}),
             3, 30000),
        lock(0xffff888400003000, "", "spinlock",
             kernelStack({"blk_mq_submit_bio", "blk_mq_sched_insert_request", "_raw_spin_lock",
                          "__pv_queued_spin_lock_slowpath"}),
             7, 700),
    };
}

} // namespace

TEST_CASE("Locks: the caller is the first frame outside the locking primitives",
          "[analysis][locks]") {
    const auto locks = contendedLocks();
    CHECK(analysis::lockCaller(locks[0]) == "__schedule");
    CHECK(analysis::lockCaller(locks[1]) == "ttwu_queue");
    CHECK(analysis::lockCaller(locks[2]) == "tick_do_update_jiffies64");
    CHECK(analysis::lockCaller(locks[3]) == "lock_mm_and_find_vma");
    CHECK(analysis::lockCaller(locks[4]) == "blk_mq_sched_insert_request");
    CHECK(analysis::lockCaller(LockStat{}) == "[no stack]");
    CHECK(analysis::isLockingPrimitive("__mutex_lock.constprop.0"));
    CHECK(analysis::isLockingPrimitive("rwsem_down_write_slowpath"));
    CHECK_FALSE(analysis::isLockingPrimitive("blk_mq_run_hw_queue"));
}

TEST_CASE("Locks: named by static symbol, by the primitive that takes them, else by address",
          "[analysis][locks]") {
    auto locks = contendedLocks();
    const analysis::LockNames names(locks);
    CHECK(names.name(locks[0]) == "runqueue lock (0xffff888100001000)");
    CHECK(names.lockClass(locks[0]) == "runqueue lock");
    CHECK(names.name(locks[2]) == "jiffies_lock+0x8");
    CHECK(names.lockClass(locks[2]) == "jiffies_lock");
    CHECK(names.name(locks[3]) == "mmap_lock (0xffff888300002000)");
    CHECK(names.name(locks[4]) == "0xffff888400003000");
    CHECK(names.lockClass(locks[4]) == "unnamed spinlock");
    // The same runqueue lock where raw_spin_rq_lock_nested was inlined into __schedule.
    locks.push_back(locks[0]);
    locks.back().stack =
        kernelStack({"schedule", "__schedule", "_raw_spin_lock", "__pv_queued_spin_lock_slowpath"});
    CHECK(analysis::LockNames(locks).name(locks.back()) == "runqueue lock (0xffff888100001000)");
    CHECK(analysis::LockNames({locks.back()}).name(locks.back()) == "0xffff888100001000");
}

TEST_CASE("Locks: grouped by caller, lock or class", "[analysis][locks]") {
    const auto locks = contendedLocks();
    const auto byClass = analysis::groupLocks(locks, LockGrouping::Class);
    REQUIRE(byClass.size() == 4);
    CHECK(byClass[0].key == "mmap_lock");
    CHECK(byClass[1].key == "runqueue lock");
    CHECK(byClass[1].locks == 2);
    CHECK(byClass[1].contentions == 15);
    CHECK(byClass[1].total_wait_ns == 5000);
    CHECK(byClass[1].max_wait_ns == 800);
    CHECK(byClass[1].detail == "ttwu_queue"); // its caller with the longest wait
    const auto byCaller = analysis::groupLocks(locks, LockGrouping::Caller);
    REQUIRE(byCaller.size() == 5);
    CHECK(byCaller[0].key == "lock_mm_and_find_vma");
    CHECK(byCaller[0].detail == "mmap_lock (0xffff888300002000)");
    CHECK(analysis::groupLocks(locks, LockGrouping::Lock).size() == 5);
    CHECK(analysis::lockGroupingFromString("class") == LockGrouping::Class);
    CHECK_THROWS_AS(analysis::lockGroupingFromString("owner"), InputError);
}

TEST_CASE("Locks: a heap lock is named by the slab cache of its object", "[analysis][locks]") {
    auto locks = contendedLocks();
    locks[3].cache = "mm_struct"; // mmap_lock, identified by lock_mm_and_find_vma
    locks[4].cache = "kmalloc-192";
    locks.push_back(lock(0xffff888500004000, "", "rwsem-write",
                         kernelStack({"__x64_sys_mprotect", "do_mprotect_pkey",
                                      "down_write_killable", "rwsem_down_write_slowpath"}),
                         4, 400));
    locks.back().cache = "mm_struct";
    locks.push_back(locks.back());
    locks.back().kind = "rwsem-read"; // the same lock waited on for reading: the same class
    // The same address on a stack where the probe did not name the cache keeps the name.
    locks.push_back(locks[4]);
    locks.back().cache.clear();
    const analysis::LockNames names(locks);
    CHECK(names.name(locks[3]) == "mmap_lock in mm_struct (0xffff888300002000)");
    CHECK(names.lockClass(locks[3]) == "mmap_lock");
    CHECK(names.name(locks[4]) == "spinlock in kmalloc-192 (0xffff888400003000)");
    CHECK(names.lockClass(locks[4]) == "spinlock in kmalloc-192");
    CHECK(names.name(locks.back()) == "spinlock in kmalloc-192 (0xffff888400003000)");
    CHECK(names.name(locks[5]) == "rwsem in mm_struct (0xffff888500004000)");
    CHECK(names.lockClass(locks[5]) == "rwsem in mm_struct");
    CHECK(names.lockClass(locks[6]) == "rwsem in mm_struct");
    CHECK(names.lockClass(locks[2]) == "jiffies_lock"); // a static lock has no cache
    const auto byClass = analysis::groupLocks(locks, LockGrouping::Class);
    const auto inMm = std::find_if(byClass.begin(), byClass.end(), [](const auto& group) {
        return group.key == "rwsem in mm_struct";
    });
    REQUIRE(inMm != byClass.end());
    CHECK(inMm->locks == 1);
    CHECK(inMm->contentions == 8);
    CHECK(inMm->kind == "mixed");
}
