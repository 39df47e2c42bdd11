#pragma once

#include "analyzer/model/run_record.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/temp_dir.h"

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

// The block tests' independent observer: blktrace's events of the same device in the same run
// (tests/support/btt_oracle.sh), and the queue settings a test changes for it.
namespace iolab::test {

// Queue settings of one device changed for a test; the destructor puts back what it found,
// also when the test fails.
class QueueSettings {
public:
    explicit QueueSettings(std::string device)
        : m_device(std::move(device)) {}
    ~QueueSettings();
    QueueSettings(const QueueSettings&) = delete;
    QueueSettings& operator=(const QueueSettings&) = delete;

    void set(const std::string& name, const std::string& value);

private:
    std::string path(const std::string& name) const;

    std::string m_device;
    std::vector<std::pair<std::string, std::string>> m_saved;
};

// A loop device of the test's own under mq-deadline with nr_requests=4: 32 reads in flight
// wait for one of 4 scheduler tags before a request exists (btt's Q2G). Settings put back at
// the end.
struct TagStarvedDevice {
    TagStarvedDevice();

    TestDevice device;
    QueueSettings queue{device.name()};
};

// What btt and blkparse said about the same run.
struct BttFigures {
    std::map<std::string, std::pair<double, double>> phases; // name -> count, mean ns
    double merges = 0;
    double requests = 0;
};

// Runs `iolab record --probe block EXTRA -- fio JOB` under tests/support/btt_oracle.sh, which
// traces the device's block events (kept in DIR/btt) for btt while iolab records the same run.
std::pair<RunRecord, BttFigures> recordUnderBtt(const TempDir& dir, const std::string& device,
                                                const std::filesystem::path& job,
                                                const std::vector<std::string>& extra);

// btt over the traces of the run recordUnderBtt made in `dir`, kept only inside the run's
// sampling windows: the IOs iolab's windows could time.
BttFigures bttInWindows(const TempDir& dir, const RunRecord& record);

// One request in blktrace's traces, paired as btt pairs them (tests/support/blktrace_ios.py).
struct TracedIo {
    std::uint64_t queued_ns = 0; // CLOCK_MONOTONIC, as iolab's stamps
    std::uint64_t q2c_ns = 0;
    std::uint64_t sector = 0;
    std::uint64_t bytes = 0;
    std::string operation;
};

// Every request of the run recordUnderBtt made in `dir`; with `windowsOf`, only those queued
// and completed inside one of its sampling windows.
std::vector<TracedIo> tracedIos(const TempDir& dir, const RunRecord* windowsOf = nullptr);

} // namespace iolab::test
