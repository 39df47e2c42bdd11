#include "tests/collector/probes/probe_test_support.h"

#include <bpf/bpf.h>
#include <cstdint>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace iolab::test {

std::string probeProgram(const std::string& name) {
    return std::string(IOLAB_PROBE_PROGRAMS) + "/iolab_probe_" + name;
}

TrackedTgids::TrackedTgids()
    : m_fd(bpf_map_create(BPF_MAP_TYPE_HASH, "test_tracked", sizeof(std::uint32_t),
                          sizeof(std::uint8_t), 1024, nullptr)) {
    if (m_fd < 0) {
        throw std::runtime_error("cannot create the tracked tgids map");
    }
}

TrackedTgids::~TrackedTgids() {
    close(m_fd);
}

void TrackedTgids::add(pid_t tgid) {
    const auto key = static_cast<std::uint32_t>(tgid);
    const std::uint8_t value = 1;
    if (bpf_map_update_elem(m_fd, &key, &value, BPF_ANY) != 0) {
        throw std::runtime_error("cannot track a tgid");
    }
}

GatedChild::GatedChild(const std::vector<std::string>& argv) {
    int gate[2];
    int out[2];
    if (pipe(gate) != 0 || pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    std::vector<char*> args;
    for (const std::string& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    m_pid = fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        dup2(gate[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(gate[0]);
        close(gate[1]);
        close(out[0]);
        close(out[1]);
        execv(args[0], args.data());
        _exit(127);
    }
    close(gate[0]);
    close(out[1]);
    m_gate = gate[1];
    m_out = out[0];
}

GatedChild::~GatedChild() {
    if (m_gate >= 0) {
        close(m_gate);
    }
    if (m_out >= 0) {
        close(m_out);
    }
    if (m_pid > 0) {
        kill(m_pid, SIGKILL);
        waitpid(m_pid, nullptr, 0);
    }
}

void GatedChild::release() {
    const char go = 'g';
    if (write(m_gate, &go, 1) != 1) {
        throw std::runtime_error("cannot release the child");
    }
}

int GatedChild::wait() {
    char buffer[4096];
    for (ssize_t n; (n = read(m_out, buffer, sizeof buffer)) > 0;) {
        m_output.append(buffer, static_cast<std::size_t>(n));
    }
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::int64_t perfStatCount(const std::string& report, const std::string& event) {
    std::istringstream lines(report);
    std::string line;
    while (std::getline(lines, line)) {
        // value,unit,event,...
        std::vector<std::string> fields;
        std::istringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) {
            fields.push_back(cell);
        }
        if (fields.size() >= 3 && fields[2] == event) {
            return std::stoll(fields[0]);
        }
    }
    return -1;
}

} // namespace iolab::test
