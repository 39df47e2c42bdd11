#pragma once

#include "collector/recorder/workload.h"

#include <csignal>
#include <optional>
#include <sys/types.h>

namespace iolab::recorder {

class DutyCycle;

// Blocks SIGINT, SIGTERM and SIGCHLD for its lifetime so the wait loop receives them with
// sigtimedwait instead of being killed; the previous mask comes back on destruction. The
// workload's child unblocks them before exec.
class SignalGuard {
public:
    SignalGuard();
    ~SignalGuard();
    SignalGuard(const SignalGuard&) = delete;
    SignalGuard& operator=(const SignalGuard&) = delete;
    SignalGuard(SignalGuard&&) = delete;
    SignalGuard& operator=(SignalGuard&&) = delete;

    const sigset_t& set() const { return m_set; }
    // Takes a pending SIGINT or SIGTERM (one that came while the probes loaded): true when
    // there was one, and the recording should stop before the workload starts.
    bool takeStopRequest() const;

private:
    sigset_t m_set{};
    sigset_t m_previous{};
};

struct WaitTarget {
    Workload* workload = nullptr;     // `-- CMD`: until it ends
    std::optional<pid_t> pid;         // -p: until it ends, or the duration
    std::optional<double> duration_s; // -p / -a: stop after this long
    DutyCycle* duty = nullptr;        // sampling windows to open and close meanwhile
};

// Waits for the end of the recording. Ctrl-C or SIGTERM forwards SIGINT to the workload's
// process group, then SIGTERM and SIGKILL if it lingers; without a workload it ends the wait.
// Returns true when the recording was interrupted by a signal. Shows the elapsed seconds of a
// --duration on a terminal.
bool waitForEnd(const SignalGuard& signals, const WaitTarget& target);

} // namespace iolab::recorder
