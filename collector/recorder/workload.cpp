#include "collector/recorder/workload.h"

#include "analyzer/errors.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

volatile sig_atomic_t g_killTree = 0;

void askToKillTree(int) {
    g_killTree = 1;
}

void writeError(const char* message) {
    [[maybe_unused]] const ssize_t w = write(STDERR_FILENO, message, strlen(message));
}

// Kills every descendant of `pid`, deepest first found, through /proc/PID/task/*/children.
// Only system calls and stack buffers: the guardian is a fork of a process that may have threads.
void killDescendants(pid_t pid, int depth) {
    if (depth > 64) {
        return;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task/%d/children", pid, pid);
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    char text[4096];
    const ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0) {
        return;
    }
    text[n] = '\0';
    pid_t child = 0;
    for (const char* c = text; *c != '\0'; ++c) {
        if (*c >= '0' && *c <= '9') {
            child = child * 10 + (*c - '0');
        } else if (child != 0) {
            kill(child, SIGSTOP); // no more forks while its own children are found
            killDescendants(child, depth + 1);
            kill(child, SIGKILL);
            child = 0;
        }
    }
}

// The workload itself, forked by the guardian once released: drops to `runAs`, asks to die
// with the guardian (after the change of user, which clears that request), then execs.
[[noreturn]] void runWorkload(const std::vector<std::string>& argv,
                              const std::optional<InvokingUser>& runAs, pid_t guardian) {
    if (runAs) {
        const bool dropped = initgroups(runAs->name.c_str(), runAs->gid) == 0 &&
                             setgid(runAs->gid) == 0 && setuid(runAs->uid) == 0;
        if (!dropped) {
            writeError("iolab: cannot switch to the invoking user\n");
            _exit(126);
        }
    }
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != guardian) {
        _exit(126);
    }
    for (const int signal : {SIGINT, SIGTERM, SIGHUP}) {
        ::signal(signal, SIG_DFL); // the guardian ignores them; exec keeps what is ignored
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    const int error = errno;
    writeError("iolab: cannot run the workload: ");
    writeError(strerror(error));
    writeError("\n");
    _exit(127);
}

// The recorder's child: waits for the release, forks the workload and reaps it. As a
// subreaper it inherits every orphan of the workload (fio's jobs each lead their own process
// group); when the recorder dies (its parent-death signal, SIGHUP) or asks for a hard stop
// (SIGHUP too), it kills the whole tree, so nothing outlives a killed recorder. It exits with
// the workload's exit code, or 128 + the signal that ended it.
[[noreturn]] void runGuardian(int releaseFd, const std::vector<std::string>& argv,
                              const std::optional<InvokingUser>& runAs, pid_t recorder) {
    setpgid(0, 0);
    struct sigaction hangup {};
    hangup.sa_handler = askToKillTree;
    sigaction(SIGHUP, &hangup, nullptr); // no SA_RESTART: a blocking wait returns EINTR
    ::signal(SIGINT, SIG_IGN);           // Ctrl-C is the workload's to handle, not ours
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGCHLD, SIG_DFL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (prctl(PR_SET_PDEATHSIG, SIGHUP) != 0 || getppid() != recorder) {
        _exit(126);
    }
    char go = 0;
    ssize_t n = 0;
    do {
        n = read(releaseFd, &go, 1);
    } while (n < 0 && errno == EINTR && g_killTree == 0);
    if (n != 1) {
        _exit(126); // the recorder gave up (or died) before releasing: run nothing
    }
    close(releaseFd);
    const pid_t guardian = getpid();
    const pid_t workload = fork();
    if (workload < 0) {
        writeError("iolab: cannot fork the workload\n");
        _exit(126);
    }
    if (workload == 0) {
        runWorkload(argv, runAs, guardian);
    }
    int exitCode = 126;
    bool workloadEnded = false;
    for (;;) {
        if (g_killTree != 0) {
            killDescendants(guardian, 0);
        }
        int status = 0;
        const pid_t done = waitpid(-1, &status, 0);
        if (done == workload) {
            workloadEnded = true;
            exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (done < 0 && errno == ECHILD) {
            break;
        }
        if (workloadEnded && g_killTree == 0) {
            break; // the workload ended: what it left running is no longer the recording
        }
    }
    _exit(exitCode);
}

} // namespace

Workload::Workload(std::vector<std::string> argv, std::optional<InvokingUser> runAs) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw SystemError(std::string("pipe: ") + strerror(errno));
    }
    const pid_t recorder = getpid();
    m_pid = fork();
    if (m_pid < 0) {
        const int error = errno;
        close(fds[0]);
        close(fds[1]);
        throw SystemError(std::string("fork: ") + strerror(error));
    }
    if (m_pid == 0) {
        close(fds[1]);
        runGuardian(fds[0], argv, runAs, recorder);
    }
    close(fds[0]);
    m_release_fd = fds[1];
    // Also from the parent, so signal() cannot race the child's own setpgid.
    setpgid(m_pid, m_pid);
}

Workload::~Workload() {
    if (m_release_fd >= 0) {
        close(m_release_fd); // the child reads EOF and exits 126 without running anything
    }
    if (!m_ended && m_pid > 0) {
        kill(m_pid, SIGHUP); // the guardian kills the whole tree, then exits
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
}

void Workload::release() {
    const char go = 1;
    if (write(m_release_fd, &go, 1) != 1) {
        throw SystemError(std::string("cannot start the workload: ") + strerror(errno));
    }
    close(m_release_fd);
    m_release_fd = -1;
}

bool Workload::poll() {
    if (m_ended) {
        return true;
    }
    int status = 0;
    const pid_t done = waitpid(m_pid, &status, WNOHANG);
    if (done != m_pid) {
        return false;
    }
    m_ended = true;
    m_exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return true;
}

void Workload::signal(int signal) const {
    if (m_ended) {
        return;
    }
    // SIGKILL would end the guardian before it could reach the workload's other groups.
    if (signal == SIGKILL) {
        kill(m_pid, SIGHUP);
    } else {
        kill(-m_pid, signal);
    }
}

} // namespace iolab::recorder
