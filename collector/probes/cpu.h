#pragma once

#include "collector/probes/libbpf_support.h"
#include "collector/probes/probe.h"
#include "collector/probes/user_symbols.h"

#include <bpf/libbpf.h>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

struct cpu_bpf;

namespace iolab::probes {

struct CpuOptions {
    // Samples per second on each CPU. 99 Hz by default: PERF-NOTES measured 3-5% lost IOPS for
    // perf's 999-1000 Hz and about 5% for bcc's 49 Hz profile with Python aggregation; a
    // sample costs a fixed amount, so 99 Hz with in-kernel aggregation stays near 0.5% while
    // 5 s still give about 500 samples per busy CPU. Off by one from 100 so sampling does not
    // run in lockstep with timer-driven work.
    int frequency_hz = 99;
};

// CPU call stacks: cpu-clock samples on every CPU, counted per (process, kernel stack, user
// stack) in the kernel, symbolized at the end (kallsyms, bcc) into the run's StackProfile
// with event "cpu-clock".
class CpuProbe final : public Probe {
public:
    explicit CpuProbe(const CpuOptions& options = {});
    ~CpuProbe() override;

    std::string_view name() const override { return "cpu"; }
    void attach(const ProbeScope& scope) override;
    void detach() override;
    void collect(RunRecord& record) override;

private:
    // Reads the memory maps of processes first seen since the last call, while they live.
    void noteNewProcesses();

    CpuOptions m_options;
    SkeletonPtr<cpu_bpf> m_skeleton;
    std::vector<bpf_link*> m_links;
    std::mutex m_symbolsMutex;
    UserSymbols m_userSymbols;
    std::jthread m_watcher;
};

} // namespace iolab::probes
