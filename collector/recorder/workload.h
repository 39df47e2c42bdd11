#pragma once

#include "collector/recorder/privileges.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::recorder {

// The command `iolab record -- CMD...` runs. It starts stopped (a guardian process waiting on a
// pipe) so the probes attach before its first IO; release() lets the guardian fork and exec it.
// The guardian kills the whole workload tree when the recorder dies, even by SIGKILL.
class Workload {
public:
    // Forks the guardian in its own process group; the workload drops to `runAs` (when given)
    // just before exec. Throws SystemError when the fork fails.
    Workload(std::vector<std::string> argv, std::optional<InvokingUser> runAs);
    // A workload never released or still running is killed and reaped.
    ~Workload();
    Workload(const Workload&) = delete;
    Workload& operator=(const Workload&) = delete;
    Workload(Workload&&) = delete;
    Workload& operator=(Workload&&) = delete;

    // The guardian's pid: the root of the workload's process tree.
    pid_t pid() const { return m_pid; }
    // Lets the child exec. An exec failure shows as exit code 127.
    void release();
    // Non-blocking: true once the child has ended (and was reaped).
    bool poll();
    // Sends `signal` to the workload's process group; SIGKILL kills its whole tree.
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
