#include "collector/recorder/wait_loop.h"

#include "collector/recorder/duty_cycle.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <fmt/core.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

using Clock = std::chrono::steady_clock;

// How long a workload may take to stop after SIGINT before SIGTERM, then SIGKILL.
constexpr auto kGrace = std::chrono::seconds(5);

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

SignalGuard::SignalGuard() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGINT);
    sigaddset(&m_set, SIGTERM);
    sigaddset(&m_set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m_set, &m_previous);
}

SignalGuard::~SignalGuard() {
    sigprocmask(SIG_SETMASK, &m_previous, nullptr);
}

bool SignalGuard::takeStopRequest() const {
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    const timespec now{0, 0};
    bool taken = false;
    while (sigtimedwait(&stop, nullptr, &now) > 0) {
        taken = true;
    }
    return taken;
}

bool waitForEnd(const SignalGuard& signals, const WaitTarget& target) {
    const auto start = Clock::now();
    std::optional<Clock::time_point> stopAsked;
    int escalation = 0; // 0: SIGINT sent, 1: SIGTERM sent, 2: SIGKILL sent
    const bool showProgress = target.duration_s && isatty(STDERR_FILENO);
    int shownSecond = -1;
    for (;;) {
        if (target.workload != nullptr && target.workload->poll()) {
            break;
        }
        if (target.pid && kill(*target.pid, 0) != 0 && errno == ESRCH) {
            break;
        }
        const double elapsed = secondsSince(start);
        if (target.duration_s && elapsed >= *target.duration_s && target.workload == nullptr) {
            break;
        }
        if (showProgress && static_cast<int>(elapsed) != shownSecond) {
            shownSecond = static_cast<int>(elapsed);
            fmt::print(stderr, "\riolab: recording {:>4}/{:.0f} s", shownSecond,
                       *target.duration_s);
        }
        if (stopAsked && target.workload != nullptr) {
            const auto lingering = Clock::now() - *stopAsked;
            if (escalation == 0 && lingering > kGrace) {
                target.workload->signal(SIGTERM);
                escalation = 1;
            } else if (escalation == 1 && lingering > 2 * kGrace) {
                target.workload->signal(SIGKILL);
                escalation = 2;
            }
        }
        auto wait = std::chrono::nanoseconds(200'000'000);
        if (target.duty != nullptr) {
            wait = std::min(wait, std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      target.duty->advance(Clock::now())));
        }
        const timespec timeout{0, static_cast<long>(wait.count())};
        siginfo_t info{};
        const int received = sigtimedwait(&signals.set(), &info, &timeout);
        if (received == SIGINT || received == SIGTERM) {
            if (target.workload == nullptr) {
                stopAsked = Clock::now();
                break;
            }
            if (!stopAsked) {
                stopAsked = Clock::now();
                target.workload->signal(SIGINT);
            } else {
                target.workload->signal(SIGKILL); // asked twice: no more patience
            }
        }
    }
    if (showProgress) {
        fmt::print(stderr, "\n");
    }
    return stopAsked.has_value();
}

} // namespace iolab::recorder
