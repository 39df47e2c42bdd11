#pragma once

#include "collector/recorder/privileges.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::recorder {

// The command `iolab record -- CMD...` runs. It starts stopped (forked, waiting on a pipe) so
// the probes attach before its first IO; release() lets it exec.
class Workload {
public:
    // Forks the child in its own process group; it drops to `runAs` (when given) just before
    // exec. Throws SystemError when the fork fails.
    Workload(std::vector<std::string> argv, std::optional<InvokingUser> runAs);
    // A workload never released or still running is killed and reaped.
    ~Workload();
    Workload(const Workload&) = delete;
    Workload& operator=(const Workload&) = delete;
    Workload(Workload&&) = delete;
    Workload& operator=(Workload&&) = delete;

    pid_t pid() const { return m_pid; }
    // Lets the child exec. An exec failure shows as exit code 127.
    void release();
    // Non-blocking: true once the child has ended (and was reaped).
    bool poll();
    // Sends `signal` to the workload's process group.
    void signal(int signal) const;
    // The shell convention: the exit code, or 128 + the signal that ended it.
    int exitCode() const { return m_exit_code; }
    bool ended() const { return m_ended; }

private:
    pid_t m_pid = -1;
    int m_release_fd = -1;
    bool m_ended = false;
    int m_exit_code = 0;
};

} // namespace iolab::recorder
