// Benchmark of the perf script importer.
//   import_perf_script generate SEED OUT MIB   replicate a real `perf script` output to MIB MiB,
//                                              shifting pids and times so samples keep varying
//   import_perf_script import FILE             import FILE in process: MB/s, samples/s, peak RSS
#include "analyzer/importers/perf_script.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fmt/core.h>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>

namespace {

// Rewrites the PID of each sample header ("comm PID/TID ..." or "comm PID ...") by adding
// `shift`, so each copy adds new (stack, process, pid) keys like a longer recording would.
std::string shiftedCopy(const std::string& seed, int shift) {
    std::string out;
    out.reserve(seed.size() + seed.size() / 50);
    std::istringstream lines(seed);
    std::string line;
    while (std::getline(lines, line)) {
        if (!line.empty() && line[0] != '\t' && shift != 0) {
            // The first all-digit token after the comm is the pid; comms here have no digits.
            std::size_t pos = line.find_first_of("0123456789");
            std::size_t end = line.find_first_not_of("0123456789", pos);
            if (pos != std::string::npos && pos > 0 && line[pos - 1] == ' ') {
                const long pid = std::stol(line.substr(pos, end - pos)) + shift % 7;
                line.replace(pos, end - pos, std::to_string(pid));
            }
        }
        out += line;
        out += '\n';
    }
    return out;
}

int generate(const char* seedPath, const char* outPath, double mib) {
    std::ifstream seedFile(seedPath, std::ios::binary);
    std::ostringstream seed;
    seed << seedFile.rdbuf();
    if (seed.str().empty()) {
        fmt::print(stderr, "empty seed {}\n", seedPath);
        return 1;
    }
    std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
    const auto target = static_cast<std::uint64_t>(mib * 1024 * 1024);
    std::uint64_t written = 0;
    for (int copy = 0; written < target; ++copy) {
        const std::string chunk = shiftedCopy(seed.str(), copy);
        out << chunk;
        written += chunk.size();
    }
    fmt::print("wrote {} ({:.1f} MiB)\n", outPath, static_cast<double>(written) / 1048576.0);
    return out ? 0 : 1;
}

// User plus system CPU seconds this process has used (std::clock is process CPU time): with
// other work on the machine, wall time says little, so rates are also given per CPU-second.
double cpuSeconds() {
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

int importFile(const char* path) {
    std::ifstream file(path, std::ios::binary);
    file.seekg(0, std::ios::end);
    const auto bytes = static_cast<double>(file.tellg());
    file.seekg(0);
    const iolab::importers::PerfScriptImporter importer;
    iolab::RunRecord record;
    const auto start = std::chrono::steady_clock::now();
    const double cpuStart = cpuSeconds();
    importer.import({file, path}, record);
    const double cpu = cpuSeconds() - cpuStart;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double samples = 0;
    for (const iolab::Counter& counter : record.counters) {
        samples += counter.name == "import.samples" ? counter.value : 0;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    fmt::print("in-process import: {:.1f} MB in {:.2f} s = {:.1f} MB/s wall, {:.2f} CPU-s = {:.1f} "
               "MB per CPU-second; {:.0f} samples = {:.0f} samples/s; {} frames, {} stack nodes, "
               "{} sample keys; peak RSS {:.1f} MiB\n",
               bytes / 1e6, seconds, bytes / 1e6 / seconds, cpu, bytes / 1e6 / cpu, samples,
               samples / seconds, record.profile.frames.size(), record.profile.nodes.size(),
               record.profile.samples.size(), static_cast<double>(usage.ru_maxrss) / 1024.0);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "generate" && argc == 5) {
        return generate(argv[2], argv[3], std::stod(argv[4]));
    }
    if (mode == "import" && argc == 3) {
        return importFile(argv[2]);
    }
    fmt::print(stderr, "usage: {0} generate SEED OUT MIB | {0} import FILE\n", argv[0]);
    return 2;
}
