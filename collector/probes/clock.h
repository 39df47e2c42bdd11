#pragma once

#include "analyzer/model/costs.h"
#include "collector/probes/adaptive_counting.h"
#include "collector/probes/attach_plan.h"
#include "collector/probes/libbpf_support.h"
#include "collector/probes/probe.h"
#include "collector/probes/sampling_windows.h"

#include <bpf/libbpf.h>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <vector>

struct clock_bpf;

namespace iolab::probes {

struct ClockOptions {
    // Count libc clock_gettime calls with a uprobe (about 10 us per call here, see PERF-NOTES).
    bool libc = true;
    // Exact counting lasts while the uprobe's hits times their measured cost stay within this
    // budget: 0.2 s of traps at once (about 250,000 calls here, with the breakpoint on an
    // emulated instruction: see uprobe_site.h), then 0.5% of one CPU sustained.
    CostBudget libc_budget{.burst_ns = 200e6, .cpu_share = 0.005};
    // Past the budget, the uprobe counts `window` out of every `period`, and the counts are
    // extrapolated and marked estimated. Its breakpoints trap only while attached: removing
    // them takes about 100 ms here, but the traps stop at once (measured: 1 hit in that time
    // against thousands in a window), so the windows' cost is their share of the time.
    std::chrono::milliseconds window{25};
    std::chrono::milliseconds period{500};
    // Also measure the read cost of every available clock source (switching, then restoring).
    bool all_clocksources = false;
    // Syscall path: attach with this mechanism only. Default: tp_btf, raw_tp, tracepoint.
    std::optional<Mechanism> force = std::nullopt;
    // Syscall path: every system call runs its program while attached (its cost is measured
    // at attach); all clock calls are counted while that stays within this budget, then only
    // in the recorder's sampling windows.
    // System calls are counted system-wide, and a busy machine makes hundreds of thousands
    // a second: a burst of 0.1 s of CPU.
    CostBudget syscall_budget{.burst_ns = 100e6};
};

// Clock reads per process and clock id, through libc (uprobe, budgeted) and the system calls
// (sys_enter), and what one read costs on the clock sources. Without the recorder's sampling
// windows (ProbeScope::windows null, `--duty 100`) both paths count every call.
class ClockProbe final : public Probe {
public:
    explicit ClockProbe(const ClockOptions& options = {});
    ~ClockProbe() override;

    std::string_view name() const override { return "clock"; }
    void attach(const ProbeScope& scope) override;
    void detach() override;
    void pause() override;
    void resume() override;
    void openWindow() override;
    void closeWindow() override;
    void collect(RunRecord& record) override;

private:
    // (tgid, comm, clock id, call)
    using ReadKey = std::tuple<std::uint32_t, std::string, std::int32_t, std::uint32_t>;
    // A moment of the recording: its time and the IOs the workload's devices had completed.
    struct Edge {
        std::int64_t ns = 0;
        std::uint64_t ios = 0;
    };
    // One thread's reads in one libc window, and the time it ran outside the traps.
    struct ThreadWindow {
        std::map<ReadKey, double> reads;
        double total = 0;
        double untrapped_ns = 0;
    };
    // One libc window: its length, the IOs completed meanwhile, and each thread's reads.
    struct Window {
        double length_ns = 0;
        double ios = 0;
        std::map<std::uint32_t, ThreadWindow> threads;
    };
    // What the libc windows stand for over the sampled span: the reads per row, estimated
    // thread by thread, their total and interval, and how many threads scaled by which
    // progress ("threads by IOs: 1, untrapped time: 0, wall time: 1").
    struct LibcWindowed {
        std::map<ReadKey, double> reads;
        analysis::Estimate total{0, 0.0, "windowed"};
        std::string progress;
    };

    void attachLibc(bool budgeted);
    void openLibcUprobe();
    void setLibcAttached(bool attached);
    void control(std::stop_token stop);
    Edge now() const;
    void closeWindow(Edge start, Edge end);
    std::uint64_t uprobeHits() const;
    std::uint64_t counter(std::uint32_t index) const;
    double measureSyscallCostNs();
    LibcWindowed libcWindowed() const;

    ClockOptions m_options;
    SkeletonPtr<clock_bpf> m_skeleton;
    AttachOutcome m_outcome;
    std::optional<AdaptiveCounting> m_syscallCounting;
    std::vector<ClockSourceCost> m_sources;
    std::string m_libcPath;
    std::size_t m_libcOffset = 0; // of the breakpoint in clock_gettime (uprobe_site.h)
    std::string m_libcState = "off";
    double m_hitCostNs = 0;
    bpf_link* m_libcLink = nullptr;
    std::mutex m_mutex; // guards what the control thread shares with collect()
    std::vector<Window> m_windows;
    std::vector<std::string> m_devices; // whose completed IOs measure the workload's progress
    std::int64_t m_startNs = 0;
    std::int64_t m_endNs = 0;
    std::uint64_t m_endIos = 0;
    std::int64_t m_sampledSinceNs = -1;
    std::uint64_t m_sampledSinceIos = 0;
    std::int64_t m_saturatedWindows = 0;
    std::int64_t m_attachedNs = 0; // libc uprobe attached time since sampling started
    std::jthread m_controller;
};

} // namespace iolab::probes
