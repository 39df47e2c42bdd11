#include "analyzer/importers/perf_data.h"

#include "analyzer/errors.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace iolab::importers {
namespace {

std::string lastErrorLine(int fd) {
    std::string text;
    std::array<char, 4096> block{};
    if (lseek(fd, 0, SEEK_SET) < 0) {
        return text;
    }
    for (ssize_t got = 0; (got = ::read(fd, block.data(), block.size())) > 0;) {
        text.append(block.data(), static_cast<std::size_t>(got));
    }
    // perf warns about fields some events lack ("'trace' not valid for ..."): not the cause.
    std::string last;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end;
        const std::string line = text.substr(pos, end - pos);
        if (!line.empty() && line.find("not valid for") == std::string::npos) {
            last = line;
        }
        pos = end + 1;
    }
    return last;
}

} // namespace

bool isPerfData(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::array<char, 8> magic{};
    file.read(magic.data(), magic.size());
    return file.gcount() == 8 && std::string_view(magic.data(), magic.size()) == "PERFILE2";
}

PerfScriptProcess::PerfScriptProcess(const std::filesystem::path& perfData)
    : m_perfData(perfData)
    , m_argv{"perf", "script", "-i", perfData.string(), "-F", kPerfScriptFields} {
    std::array<int, 2> pipeFds{};
    if (pipe2(pipeFds.data(), O_CLOEXEC) != 0) {
        throw SystemError(std::string("pipe: ") + std::strerror(errno));
    }
    std::FILE* errors = std::tmpfile();
    if (errors == nullptr) {
        close(pipeFds[0]);
        close(pipeFds[1]);
        throw SystemError(std::string("temporary file: ") + std::strerror(errno));
    }
    m_errors = fcntl(fileno(errors), F_DUPFD_CLOEXEC, 0);
    std::fclose(errors);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, m_errors, STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    std::vector<char*> argv;
    for (std::string& arg : m_argv) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const int spawned = posix_spawnp(&m_pid, "perf", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (spawned != 0) {
        close(pipeFds[0]);
        close(m_errors);
        m_pid = -1;
        throw SystemError(std::string("cannot run perf to read ") + perfData.string() + ": " +
                          std::strerror(spawned) +
                          (spawned == ENOENT ? " (install linux-perf)" : ""));
    }
    m_output = pipeFds[0];
}

PerfScriptProcess::~PerfScriptProcess() {
    stop();
}

void PerfScriptProcess::stop() {
    if (m_output >= 0) {
        close(m_output);
        m_output = -1;
    }
    if (m_pid > 0) {
        kill(m_pid, SIGTERM);
        int status = 0;
        while (waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
    if (m_errors >= 0) {
        close(m_errors);
        m_errors = -1;
    }
}

void PerfScriptProcess::finish() {
    close(m_output);
    m_output = -1;
    int status = 0;
    while (waitpid(m_pid, &status, 0) < 0) {
        if (errno != EINTR) {
            throw SystemError(std::string("waitpid(perf): ") + std::strerror(errno));
        }
    }
    m_pid = -1;
    const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    const std::string message = ok ? std::string() : lastErrorLine(m_errors);
    close(m_errors);
    m_errors = -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        throw SystemError("cannot run perf to read " + m_perfData.string() +
                          " (install linux-perf)");
    }
    if (!ok) {
        throw InputError(m_perfData.string() + ": perf script failed" +
                         (message.empty() ? std::string() : ": " + message));
    }
}

} // namespace iolab::importers
