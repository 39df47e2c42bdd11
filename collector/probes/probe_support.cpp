#include "collector/probes/probe_support.h"

#include "collector/probes/libbpf_support.h"
#include "collector/probes/map_reader.h"

#include <bpf/bpf.h>

namespace iolab::probes {

int possibleCpus() {
    const int cpus = libbpf_num_possible_cpus();
    if (cpus < 0) {
        throw libbpfError("count possible CPUs", -cpus);
    }
    return cpus;
}

void autoloadOnly(std::span<const MechanismProgram> programs, Mechanism chosen) {
    for (const MechanismProgram& entry : programs) {
        if (const int error = bpf_program__set_autoload(entry.program, entry.mechanism == chosen);
            error != 0) {
            throw libbpfError("set autoload", -error);
        }
    }
}

std::vector<std::uint64_t> readStack(int stackMapFd, std::int64_t id, std::size_t depth) {
    if (id < 0) {
        return {};
    }
    std::vector<std::uint64_t> addresses(depth, 0);
    const auto key = static_cast<std::uint32_t>(id);
    if (bpf_map_lookup_elem(stackMapFd, &key, addresses.data()) != 0) {
        return {};
    }
    std::size_t used = 0;
    while (used < addresses.size() && addresses[used] != 0) {
        ++used;
    }
    addresses.resize(used);
    return addresses;
}

std::uint64_t readPerCpuCounter(int fd, std::uint32_t index) {
    std::uint64_t total = 0;
    for (const std::uint64_t value : readPerCpu<std::uint64_t>(fd, index)) {
        total += value;
    }
    return total;
}

void addAttachMetadata(RunRecord& record, std::string_view probe, const AttachOutcome& outcome) {
    const std::string prefix = "probe." + std::string(probe);
    record.run.metadata[prefix + ".mechanism"] = std::string(toString(outcome.mechanism));
    for (const AttachFailure& failure : outcome.failures) {
        record.run.metadata[prefix + ".fallback." + std::string(toString(failure.mechanism))] =
            failure.reason;
    }
}

void addCounter(RunRecord& record, std::string name, double value,
                std::map<std::string, std::string> dimensions, bool estimated) {
    record.counters.push_back({std::move(name), std::move(dimensions), value, estimated});
}

} // namespace iolab::probes
