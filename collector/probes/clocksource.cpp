#include "collector/probes/clocksource.h"

#include "analyzer/errors.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace iolab::probes {
namespace {

constexpr const char* kDirectory = "/sys/devices/system/clocksource/clocksource0";
constexpr int kRounds = 5;
constexpr int kVdsoCalls = 200'000;
constexpr int kSyscallCalls = 50'000;

std::string readLine(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) {
        throw SystemError("cannot read " + path);
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\n')) {
        line.pop_back();
    }
    return line;
}

std::string currentPath() {
    return std::string(kDirectory) + "/current_clocksource";
}

void writeClocksource(const std::string& name) {
    const int fd = open(currentPath().c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, name.data(), name.size()) != static_cast<ssize_t>(name.size())) {
        const int error = errno;
        if (fd >= 0) {
            close(fd);
        }
        throw SystemError("cannot switch the clock source to " + name + ": " +
                          std::strerror(error));
    }
    close(fd);
}

template <class Read>
double medianNsPerCall(int calls, Read read) {
    std::array<double, kRounds> rounds{};
    for (double& round : rounds) {
        const auto start = std::chrono::steady_clock::now();
        for (int i = 0; i < calls; ++i) {
            read();
        }
        const std::chrono::duration<double, std::nano> elapsed =
            std::chrono::steady_clock::now() - start;
        round = elapsed.count() / calls;
    }
    std::ranges::sort(rounds);
    return rounds[kRounds / 2];
}

// The guard's whole life, after fork: only async-signal-safe calls.
[[noreturn]] void guard(int pipeFd, const char* stateFile, const char* path, const char* original,
                        std::size_t originalLength) {
    setsid();
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    char byte = 0;
    for (;;) {
        const ssize_t n = read(pipeFd, &byte, 1);
        if (n > 0 || (n < 0 && errno == EINTR)) {
            continue;
        }
        break;
    }
    if (access(stateFile, F_OK) == 0) {
        const int fd = open(path, O_WRONLY);
        if (fd >= 0 &&
            write(fd, original, originalLength) == static_cast<ssize_t>(originalLength)) {
            unlink(stateFile);
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    _exit(0);
}

} // namespace

std::string currentClocksource() {
    return readLine(currentPath());
}

std::vector<std::string> availableClocksources() {
    std::istringstream names(readLine(std::string(kDirectory) + "/available_clocksource"));
    std::vector<std::string> available;
    for (std::string name; names >> name;) {
        available.push_back(name);
    }
    return available;
}

ClockSourceCost measureClockReadCost(const std::string& clocksource) {
    ClockSourceCost cost;
    cost.clocksource = clocksource;
    timespec ts{};
    cost.vdso_ns = medianNsPerCall(kVdsoCalls, [&] { clock_gettime(CLOCK_MONOTONIC, &ts); });
    cost.syscall_ns =
        medianNsPerCall(kSyscallCalls, [&] { syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts); });
    return cost;
}

std::string ClocksourceSwitcher::defaultStateFile() {
    return "/run/iolab-clocksource.state";
}

ClocksourceSwitcher::ClocksourceSwitcher(std::string stateFile)
    : m_stateFile(std::move(stateFile)) {
    if (std::error_code ignored; std::filesystem::exists(m_stateFile, ignored)) {
        writeClocksource(readLine(m_stateFile));
        std::filesystem::remove(m_stateFile, ignored);
    }
}

ClocksourceSwitcher::~ClocksourceSwitcher() {
    try {
        restore();
    } catch (const std::exception&) {
        // The guard, reading EOF once this process closes its pipe, retries the restore.
    }
}

void ClocksourceSwitcher::startGuard() {
    {
        std::ofstream state(m_stateFile, std::ios::trunc);
        state << m_original << '\n';
        if (!state.flush()) {
            throw SystemError("cannot write " + m_stateFile);
        }
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw SystemError(std::string("pipe: ") + std::strerror(errno));
    }
    const std::string path = currentPath();
    m_guard = fork();
    if (m_guard < 0) {
        throw SystemError(std::string("fork: ") + std::strerror(errno));
    }
    if (m_guard == 0) {
        close(fds[1]);
        // The guard must not keep this process's BPF links, perf events or files alive.
        dup2(fds[0], 3);
        close_range(4, ~0U, 0);
        guard(3, m_stateFile.c_str(), path.c_str(), m_original.c_str(), m_original.size());
    }
    close(fds[0]);
    m_guardPipe = fds[1];
}

void ClocksourceSwitcher::switchTo(const std::string& clocksource) {
    if (m_original.empty()) {
        m_original = currentClocksource();
        startGuard();
    }
    writeClocksource(clocksource);
}

void ClocksourceSwitcher::restore() {
    if (m_original.empty()) {
        return;
    }
    writeClocksource(m_original);
    std::error_code ignored;
    std::filesystem::remove(m_stateFile, ignored);
    m_original.clear();
    close(m_guardPipe);
    m_guardPipe = -1;
    waitpid(m_guard, nullptr, 0);
    m_guard = -1;
}

std::vector<ClockSourceCost> measureAllClocksources() {
    const std::string original = currentClocksource();
    std::vector<ClockSourceCost> costs;
    ClocksourceSwitcher switcher;
    for (const std::string& name : availableClocksources()) {
        if (name != original) {
            switcher.switchTo(name);
        }
        costs.push_back(measureClockReadCost(name));
        costs.back().current = name == original;
        switcher.restore();
    }
    return costs;
}

} // namespace iolab::probes
