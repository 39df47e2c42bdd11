#pragma once

#include "analyzer/model/slow_io.h"
#include "collector/probes/user_symbols.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace iolab::probes {

// The slowest requests the block probe kept (bpf/block_slowest.bpf.h), merged over the CPUs'
// tables and symbolized. A submitter's user stack resolves only while its process lives, so a
// watcher reads the memory maps of the processes as they appear in the tables.
class SlowestIos {
public:
    SlowestIos() = default;
    ~SlowestIos();
    SlowestIos(const SlowestIos&) = delete;
    SlowestIos& operator=(const SlowestIos&) = delete;

    // Watches the per-CPU table `slowestFd` until stop().
    void watch(int slowestFd);
    void stop();
    // The `count` slowest of all CPUs' tables, slowest first; `devices` names each slot.
    std::vector<SlowIo> collect(int slowestFd, int stackFd, std::size_t count,
                                const std::vector<std::string>& devices);

private:
    void noteSubmitters(int slowestFd);

    std::mutex m_mutex; // guards m_userSymbols
    UserSymbols m_userSymbols;
    std::jthread m_watcher;
};

} // namespace iolab::probes
