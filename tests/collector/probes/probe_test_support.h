#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::test {

// The path of a test program built from tests/collector/probes/programs/NAME.cpp.
std::string probeProgram(const std::string& name);

// A BPF hash map of tracked tgids (key u32, value u8) like the process tracker's.
class TrackedTgids {
public:
    TrackedTgids();
    ~TrackedTgids();
    TrackedTgids(const TrackedTgids&) = delete;
    TrackedTgids& operator=(const TrackedTgids&) = delete;

    void add(pid_t tgid);
    int fd() const { return m_fd; }

private:
    int m_fd = -1;
};

// A child process started with its stdin on a pipe: programs that wait for a byte on stdin
// start their work on release().
class GatedChild {
public:
    explicit GatedChild(const std::vector<std::string>& argv);
    ~GatedChild();
    GatedChild(const GatedChild&) = delete;
    GatedChild& operator=(const GatedChild&) = delete;

    pid_t pid() const { return m_pid; }
    void release();
    // Waits for the child; returns its exit code (-1 when killed by a signal).
    int wait();
    // What the child wrote to stdout (after wait()).
    const std::string& output() const { return m_output; }

private:
    pid_t m_pid = -1;
    int m_gate = -1;
    int m_out = -1;
    std::string m_output;
};

// Parses a `perf stat -x,` report: the count of `event`, or -1 when absent.
std::int64_t perfStatCount(const std::string& report, const std::string& event);

} // namespace iolab::test
