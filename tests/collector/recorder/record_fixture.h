#pragma once

#include "analyzer/model/run_record.h"
#include "tests/support/temp_dir.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iolab::test {

// A loop device of its own made by scripts/testdev for the life of a test, torn down after it.
class TestDevice {
public:
    TestDevice();
    ~TestDevice();
    TestDevice(const TestDevice&) = delete;
    TestDevice& operator=(const TestDevice&) = delete;
    TestDevice(TestDevice&&) = delete;
    TestDevice& operator=(TestDevice&&) = delete;

    const std::string& path() const { return m_path; } // "/dev/loop3"
    std::string name() const;                          // "loop3"

private:
    std::string m_path;
};

// Writes a fio job file: `rw` with 4 KiB blocks, direct libaio at `iodepth`, `seconds` long.
std::filesystem::path writeFioJob(const TempDir& dir, const std::string& target,
                                  const std::string& rw, int seconds, int iodepth = 32);

// A child process with its stdout on a pipe.
class Spawned {
public:
    explicit Spawned(const std::vector<std::string>& argv);
    ~Spawned(); // kills and reaps a child still running
    Spawned(const Spawned&) = delete;
    Spawned& operator=(const Spawned&) = delete;
    Spawned(Spawned&&) = delete;
    Spawned& operator=(Spawned&&) = delete;

    pid_t pid() const { return m_pid; }
    // Reads stdout until a line containing `marker` appears (true) or it closes (false).
    bool waitForLine(const std::string& marker);
    // Everything left on stdout, until it closes.
    std::string readRest();
    // Waits for the child; returns its exit code (128 + signal when killed).
    int wait();

private:
    pid_t m_pid = -1;
    int m_out = -1;
    std::string m_buffer;
    bool m_reaped = false;
};

// The only run of the database at `db` (REQUIREs there is exactly one).
RunRecord onlyRun(const std::filesystem::path& db);

// `iolab record --probe block EXTRA... -o DIR/runs.db -- fio JOB`: REQUIREs it exits 0 and
// returns the one run it stored.
RunRecord recordFioWithBlockProbe(const TempDir& dir, const std::filesystem::path& job,
                                  const std::vector<std::string>& extra = {});

// The histogram `metric` of `device`, summed over operations when `operation` is empty.
std::vector<HistogramBucket> blockHistogram(const RunRecord& record, const std::string& metric,
                                            const std::string& device,
                                            const std::string& operation);

// The counter `name` summed over its dimensions (0 when the run has none).
double counterValue(const RunRecord& record, const std::string& name);

} // namespace iolab::test
