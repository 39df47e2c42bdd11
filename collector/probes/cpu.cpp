#include "collector/probes/cpu.h"

#include "analyzer/model/stack_profile_builder.h"
#include "bpf/cpu.h"
#include "collector/probes/kernel_symbols.h"
#include "collector/probes/map_reader.h"
#include "collector/probes/probe_support.h"
#include "cpu.skel.h"

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <linux/perf_event.h>
#include <sstream>
#include <sys/syscall.h>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr auto kWatchPeriod = std::chrono::seconds(1);

int openCpuClock(int cpu, int frequencyHz) {
    perf_event_attr attr{};
    attr.size = sizeof(attr);
    attr.type = PERF_TYPE_SOFTWARE;
    attr.config = PERF_COUNT_SW_CPU_CLOCK;
    attr.freq = 1;
    attr.sample_freq = static_cast<__u64>(frequencyHz);
    return static_cast<int>(syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC));
}

// /sys/devices/system/cpu/online: ranges such as "0-3,6".
std::vector<int> onlineCpus() {
    std::ifstream in("/sys/devices/system/cpu/online");
    std::string list;
    if (!std::getline(in, list)) {
        throw SystemError("cannot read /sys/devices/system/cpu/online");
    }
    std::vector<int> cpus;
    std::istringstream ranges(list);
    for (std::string range; std::getline(ranges, range, ',');) {
        const auto dash = range.find('-');
        const int first = std::stoi(range.substr(0, dash));
        const int last = dash == std::string::npos ? first : std::stoi(range.substr(dash + 1));
        for (int cpu = first; cpu <= last; ++cpu) {
            cpus.push_back(cpu);
        }
    }
    return cpus;
}

} // namespace

CpuProbe::CpuProbe(const CpuOptions& options)
    : m_options(options) {
    if (m_options.frequency_hz <= 0) {
        throw InputError("the sampling frequency must be positive");
    }
}

CpuProbe::~CpuProbe() {
    detach();
}

void CpuProbe::attach(const ProbeScope&) {
    m_skeleton = openSkeleton<cpu_bpf>();
    if (const int error = cpu_bpf::load(m_skeleton.get()); error != 0) {
        throw libbpfError("load the cpu sampler", -error);
    }
    for (const int cpu : onlineCpus()) {
        const int fd = openCpuClock(cpu, m_options.frequency_hz);
        if (fd < 0) {
            throw libbpfError("open cpu-clock on CPU " + std::to_string(cpu), errno);
        }
        bpf_link* link = bpf_program__attach_perf_event(m_skeleton->progs.cpu_sample, fd);
        if (link == nullptr) {
            const int error = errno;
            close(fd);
            throw libbpfError("attach to cpu-clock on CPU " + std::to_string(cpu), error);
        }
        m_links.push_back(link); // the link closes the perf event fd
    }
    m_watcher = std::jthread([this](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
            noteNewProcesses();
            std::unique_lock lock(mutex);
            wake.wait_for(lock, stop, kWatchPeriod, [] { return false; });
        }
    });
}

void CpuProbe::noteNewProcesses() {
    const auto keys = readHashMap<cpu_key, std::uint64_t>(bpf_map__fd(m_skeleton->maps.samples));
    const std::lock_guard lock(m_symbolsMutex);
    for (const auto& [key, count] : keys) {
        if (key.user_stack >= 0) {
            m_userSymbols.see(static_cast<pid_t>(key.tgid));
        }
    }
}

void CpuProbe::detach() {
    for (bpf_link* link : m_links) {
        bpf_link__destroy(link);
    }
    m_links.clear();
    if (m_watcher.joinable()) {
        m_watcher.request_stop();
        m_watcher.join();
    }
}

void CpuProbe::collect(RunRecord& record) {
    if (!m_skeleton) {
        return;
    }
    record.run.metadata["probe.cpu.mechanism"] = "perf_event";
    record.run.metadata["probe.cpu.frequency_hz"] = std::to_string(m_options.frequency_hz);
    const KernelSymbols kernel;
    const int stackFd = bpf_map__fd(m_skeleton->maps.stacks);
    StackProfileBuilder builder;
    const std::lock_guard lock(m_symbolsMutex);
    for (const auto& [key, counts] :
         readHashMap<cpu_key, std::uint64_t>(bpf_map__fd(m_skeleton->maps.samples))) {
        const auto tgid = static_cast<pid_t>(key.tgid);
        // perf's order for a mixed stack: the outermost user frame first, down to the kernel
        // leaf.
        std::vector<Frame> frames;
        const auto user = readStack(stackFd, key.user_stack, CPU_STACK_DEPTH);
        for (auto it = user.rbegin(); it != user.rend(); ++it) {
            frames.push_back(m_userSymbols.frame(tgid, *it));
        }
        const auto kernelStack = readStack(stackFd, key.kernel_stack, CPU_STACK_DEPTH);
        for (auto it = kernelStack.rbegin(); it != kernelStack.rend(); ++it) {
            frames.push_back(kernel.frame(*it));
        }
        if (frames.empty()) {
            frames.push_back({"[unknown]", "[unknown]", FrameKind::User});
        }
        const std::string comm(key.comm, strnlen(key.comm, sizeof(key.comm)));
        builder.addSample(frames, "cpu-clock", comm, tgid, counts.front());
    }
    record.profile = builder.take();

    const int countersFd = bpf_map__fd(m_skeleton->maps.counters);
    addCounter(record, "cpu.samples", readPerCpuCounter(countersFd, CPU_SAMPLES));
    addCounter(record, "cpu.idle_samples", readPerCpuCounter(countersFd, CPU_IDLE));
    addCounter(record, "cpu.stack_collisions", readPerCpuCounter(countersFd, CPU_STACK_COLLISIONS));
    addCounter(record, "cpu.stack_missing", readPerCpuCounter(countersFd, CPU_STACK_MISSING));
    addCounter(record, "cpu.dropped", readPerCpuCounter(countersFd, CPU_DROPPED));
}

} // namespace iolab::probes
