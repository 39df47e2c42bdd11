#include "collector/recorder/workload.h"

#include "analyzer/errors.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <sys/wait.h>
#include <unistd.h>

namespace iolab::recorder {
namespace {

// In the child, between fork and exec: only async-signal-safe calls, then _exit on failure.
[[noreturn]] void runChild(int releaseFd, const std::vector<std::string>& argv,
                           const std::optional<InvokingUser>& runAs) {
    setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    char go = 0;
    ssize_t n = 0;
    do {
        n = read(releaseFd, &go, 1);
    } while (n < 0 && errno == EINTR);
    if (n != 1) {
        _exit(126); // the recorder gave up before releasing: run nothing
    }
    close(releaseFd);
    if (runAs) {
        const bool dropped = initgroups(runAs->name.c_str(), runAs->gid) == 0 &&
                             setgid(runAs->gid) == 0 && setuid(runAs->uid) == 0;
        if (!dropped) {
            static const char message[] = "iolab: cannot switch to the invoking user\n";
            [[maybe_unused]] const ssize_t w = write(STDERR_FILENO, message, sizeof message - 1);
            _exit(126);
        }
    }
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    const int error = errno;
    static const char prefix[] = "iolab: cannot run the workload: ";
    [[maybe_unused]] ssize_t w = write(STDERR_FILENO, prefix, sizeof prefix - 1);
    const char* reason = strerror(error);
    w = write(STDERR_FILENO, reason, strlen(reason));
    w = write(STDERR_FILENO, "\n", 1);
    _exit(127);
}

} // namespace

Workload::Workload(std::vector<std::string> argv, std::optional<InvokingUser> runAs) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        throw SystemError(std::string("pipe: ") + strerror(errno));
    }
    m_pid = fork();
    if (m_pid < 0) {
        const int error = errno;
        close(fds[0]);
        close(fds[1]);
        throw SystemError(std::string("fork: ") + strerror(error));
    }
    if (m_pid == 0) {
        close(fds[1]);
        runChild(fds[0], argv, runAs);
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
        kill(-m_pid, SIGKILL);
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
    if (!m_ended) {
        kill(-m_pid, signal);
    }
}

} // namespace iolab::recorder
