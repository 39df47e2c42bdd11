#include "collector/probes/block_slowest.h"

#include "bpf/block_latency.h"
#include "collector/probes/block_programs.h"
#include "collector/probes/kernel_symbols.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>

namespace iolab::probes {
namespace {

// Often enough to see a process that does IO for a fraction of a second.
constexpr auto kWatchPeriod = std::chrono::milliseconds(200);

static_assert(sizeof(block_slowest) % 8 == 0, "per-CPU values are copied at an 8-byte stride");

// Every request kept by any CPU.
std::vector<block_slow_io> keptIos(int slowestFd) {
    std::vector<block_slow_io> ios;
    for (const block_slowest& table : readPerCpu<block_slowest>(slowestFd, 0U)) {
        const std::uint32_t count = std::min<std::uint32_t>(table.count, BLOCK_SLOWEST_MAX);
        ios.insert(ios.end(), table.ios, table.ios + count);
    }
    return ios;
}

// The phase between two stamps, when both were seen in order.
std::optional<std::uint64_t> phase(std::uint64_t from, std::uint64_t to) {
    if (from == 0 || to == 0 || to < from) {
        return std::nullopt;
    }
    return to - from;
}

// The tracing machinery that ran the program sits innermost on a stack taken in it; it is not
// the submitter's.
bool isTracingFrame(const Frame& frame) {
    return frame.symbol.starts_with("bpf_") || frame.symbol.starts_with("__bpf_") ||
           frame.symbol.starts_with("perf_trace") || frame.symbol.starts_with("trace_event_") ||
           frame.symbol.starts_with("__traceiter_");
}

} // namespace

SlowestIos::~SlowestIos() {
    stop();
}

void SlowestIos::watch(int slowestFd) {
    m_watcher = std::jthread([this, slowestFd](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
            noteSubmitters(slowestFd);
            std::unique_lock lock(mutex);
            wake.wait_for(lock, stop, kWatchPeriod, [] { return false; });
        }
    });
}

void SlowestIos::stop() {
    if (m_watcher.joinable()) {
        m_watcher.request_stop();
        m_watcher.join();
    }
}

void SlowestIos::noteSubmitters(int slowestFd) {
    const auto ios = keptIos(slowestFd);
    const std::lock_guard lock(m_mutex);
    for (const block_slow_io& io : ios) {
        if (io.user_stack[0] != 0) {
            m_userSymbols.see(static_cast<pid_t>(io.tgid));
        }
    }
}

std::vector<SlowIo> SlowestIos::collect(int slowestFd, int stackFd, std::size_t count,
                                        const std::vector<std::string>& devices) {
    auto ios = keptIos(slowestFd);
    const auto q2c = [](const block_slow_io& io) { return io.c_ns - io.q_ns; };
    std::ranges::sort(ios, [&](const auto& a, const auto& b) { return q2c(a) > q2c(b); });
    ios.resize(std::min(ios.size(), count));
    const KernelSymbols kernel;
    const std::lock_guard lock(m_mutex);
    std::vector<SlowIo> slowest;
    for (const block_slow_io& io : ios) {
        SlowIo& s = slowest.emplace_back();
        s.device = io.slot < devices.size() ? devices[io.slot] : "";
        s.operation = block::kOperations[std::min<std::uint32_t>(io.op, BLOCK_OP_OTHER)];
        s.sector = io.sector;
        s.bytes = io.bytes;
        s.queued_ns = io.q_ns;
        s.q2c_ns = q2c(io);
        s.q2g_ns = phase(io.q_ns, io.g_ns);
        s.g2i_ns = phase(io.g_ns, io.i_ns);
        s.i2d_ns = phase(io.i_ns, io.d_ns);
        s.d2c_ns = phase(io.d_ns, io.c_ns);
        s.pid = io.tgid;
        s.process.assign(io.comm, strnlen(io.comm, sizeof(io.comm)));
        const auto kernelStack = readStack(stackFd, io.kernel_stack, BLOCK_STACK_DEPTH);
        for (auto it = kernelStack.rbegin(); it != kernelStack.rend(); ++it) {
            s.kernel_stack.push_back(kernel.frame(*it));
        }
        while (!s.kernel_stack.empty() && isTracingFrame(s.kernel_stack.back())) {
            s.kernel_stack.pop_back();
        }
        for (std::size_t depth = BLOCK_USER_DEPTH; depth-- > 0;) {
            if (io.user_stack[depth] != 0) {
                s.user_stack.push_back(
                    m_userSymbols.frame(static_cast<pid_t>(io.tgid), io.user_stack[depth]));
            }
        }
    }
    return slowest;
}

} // namespace iolab::probes
