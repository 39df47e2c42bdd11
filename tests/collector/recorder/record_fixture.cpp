#include "tests/collector/recorder/record_fixture.h"

#include "analyzer/store/store.h"
#include "tests/support/run_command.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace iolab::test {
namespace {

const std::string kTestdev = std::string(IOLAB_SOURCE_DIR) + "/scripts/testdev";
// One device per test process: test binaries run side by side and each tears its own down.
std::string deviceName() {
    return "tests-" + std::to_string(getpid());
}

} // namespace

TestDevice::TestDevice() {
    const auto result = runCommand({kTestdev, "up", deviceName()});
    if (result.exit_code != 0) {
        throw std::runtime_error("scripts/testdev up failed: " + result.err);
    }
    m_path = result.out.substr(0, result.out.find('\n'));
}

TestDevice::~TestDevice() {
    runCommand({kTestdev, "down", deviceName()});
}

std::string TestDevice::name() const {
    return std::filesystem::path(m_path).filename().string();
}

std::filesystem::path writeFioJob(const TempDir& dir, const std::string& target,
                                  const std::string& rw, int seconds, int iodepth) {
    const auto path = dir.file("job.fio");
    std::ofstream(path) << fmt::format("[job]\nfilename={}\nrw={}\nbs=4k\ndirect=1\n"
                                       "ioengine=libaio\niodepth={}\ntime_based=1\nruntime={}\n"
                                       "clocksource=cpu\n",
                                       target, rw, iodepth, seconds);
    return path;
}

Spawned::Spawned(const std::vector<std::string>& argv) {
    int out[2];
    if (pipe(out) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<char*> args;
    for (const auto& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    const int rc = posix_spawnp(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        throw std::runtime_error("cannot run " + argv[0]);
    }
    m_out = out[0];
}

Spawned::~Spawned() {
    if (!m_reaped) {
        kill(m_pid, SIGKILL);
        wait();
    }
    if (m_out >= 0) {
        close(m_out);
    }
}

bool Spawned::waitForLine(const std::string& marker) {
    char chunk[4096];
    for (;;) {
        if (m_buffer.find(marker) != std::string::npos) {
            return true;
        }
        const ssize_t n = read(m_out, chunk, sizeof chunk);
        if (n <= 0) {
            return false;
        }
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

std::string Spawned::readRest() {
    char chunk[4096];
    ssize_t n = 0;
    while ((n = read(m_out, chunk, sizeof chunk)) > 0) {
        m_buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return m_buffer;
}

int Spawned::wait() {
    int status = 0;
    waitpid(m_pid, &status, 0);
    m_reaped = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

RunRecord onlyRun(const std::filesystem::path& db) {
    store::Store store(db, store::OpenMode::ReadOnly);
    const auto runs = store.listRuns();
    REQUIRE(runs.size() == 1);
    return store.loadRun(runs.front().id);
}

RunRecord recordFioWithBlockProbe(const TempDir& dir, const std::filesystem::path& job,
                                  const std::vector<std::string>& extra) {
    const auto db = dir.file("runs.db");
    std::vector<std::string> command{iolabBinary(), "record", "--probe", "block"};
    command.insert(command.end(), extra.begin(), extra.end());
    command.insert(command.end(), {"-o", db.string(), "--", "fio", job.string()});
    const auto result = runCommand(command);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return onlyRun(db);
}

std::vector<HistogramBucket> blockHistogram(const RunRecord& record, const std::string& metric,
                                            const std::string& device,
                                            const std::string& operation) {
    std::map<std::uint64_t, HistogramBucket> merged;
    for (const Histogram& h : record.histograms) {
        if (h.metric != metric || h.dimensions.at("device") != device ||
            (!operation.empty() && h.dimensions.at("operation") != operation)) {
            continue;
        }
        for (const HistogramBucket& b : h.buckets) {
            auto& into = merged[b.lower];
            into.lower = b.lower;
            into.upper = b.upper;
            into.count += b.count;
        }
    }
    std::vector<HistogramBucket> buckets;
    for (const auto& [lower, bucket] : merged) {
        buckets.push_back(bucket);
    }
    return buckets;
}

double counterValue(const RunRecord& record, const std::string& name) {
    double sum = 0;
    for (const Counter& counter : record.counters) {
        sum += counter.name == name ? counter.value : 0;
    }
    return sum;
}

} // namespace iolab::test
