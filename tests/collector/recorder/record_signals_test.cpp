#include "analyzer/model/histogram_stats.h"
#include "analyzer/store/store.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <bpf/bpf.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <set>
#include <thread>

using namespace iolab;
using namespace iolab::test;
using namespace std::chrono_literals;

namespace {

// The programs of iolab's block probe and process tracker loaded in the kernel now, by id.
std::set<std::uint32_t> recorderPrograms() {
    static const std::set<std::string> names{"rq_complete_btf", "rq_requeue_btf", "fork_btf",
                                             "exit_btf"};
    std::set<std::uint32_t> ids;
    std::uint32_t id = 0;
    while (bpf_prog_get_next_id(id, &id) == 0) {
        const int fd = bpf_prog_get_fd_by_id(id);
        if (fd < 0) {
            continue;
        }
        bpf_prog_info info{};
        std::uint32_t length = sizeof(info);
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0 && names.contains(info.name)) {
            ids.insert(id);
        }
        close(fd);
    }
    return ids;
}

// Waits until the database at `db` holds a run in state `recording` (the probes are attached
// and the workload released just after that).
void waitForRecording(const std::filesystem::path& db) {
    for (int i = 0; i < 300; ++i) {
        try {
            if (std::filesystem::exists(db)) {
                store::Store store(db, store::OpenMode::ReadOnly);
                const auto runs = store.listRuns();
                if (!runs.empty() && runs.front().status == RunStatus::Recording) {
                    return;
                }
            }
        } catch (const std::exception&) {
            // The recorder is still creating the file: its schema is not written yet.
        }
        std::this_thread::sleep_for(100ms);
    }
    FAIL("the recording never started");
}

} // namespace

TEST_CASE("record: a SIGKILLed recorder leaves no program behind and no complete run",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 20);
    const auto db = dir.file("runs.db");
    const auto before = recorderPrograms();

    Spawned recorder({iolabBinary(), "record", "--probe", "block", "-o", db.string(), "--", "fio",
                      job.string()});
    waitForRecording(db);
    std::this_thread::sleep_for(500ms);
    std::set<std::uint32_t> during;
    for (const auto id : recorderPrograms()) {
        if (!before.contains(id)) {
            during.insert(id);
        }
    }
    // The process tracker's fork and exit at least: the block probe's programs are attached
    // only in its sampling windows.
    CHECK(during.size() >= 2);
    kill(recorder.pid(), SIGKILL);
    CHECK(recorder.wait() == 128 + SIGKILL);

    std::set<std::uint32_t> left = during;
    for (int i = 0; i < 50 && !left.empty(); ++i) {
        std::this_thread::sleep_for(100ms); // programs are freed after an RCU grace period
        const auto now = recorderPrograms();
        std::erase_if(left, [&](std::uint32_t id) { return !now.contains(id); });
    }
    CHECK(left.empty());
    const RunRecord record = onlyRun(db);
    CHECK(record.run.status == RunStatus::Abandoned); // its recorder is gone
    CHECK(record.histograms.empty());
}

TEST_CASE("record: Ctrl-C stops the workload and keeps an interrupted run with its data",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 30);
    const auto db = dir.file("runs.db");

    const auto start = std::chrono::steady_clock::now();
    Spawned recorder({iolabBinary(), "record", "--probe", "block", "-o", db.string(), "--", "fio",
                      job.string()});
    waitForRecording(db);
    std::this_thread::sleep_for(1500ms);
    kill(recorder.pid(), SIGINT);
    const std::string summary = recorder.readRest();
    const int code = recorder.wait();
    CHECK(std::chrono::steady_clock::now() - start < 20s);

    const RunRecord record = onlyRun(db);
    CHECK(record.run.status == RunStatus::Interrupted);
    // The workload's own exit code, or the shell's 130 for Ctrl-C when it exited cleanly.
    const int workloadCode = std::stoi(record.run.metadata.at("workload.exit_code"));
    CHECK(code == (workloadCode == 0 ? 130 : workloadCode));
    CHECK(totalCount(blockHistogram(record, "block.q2c_ns", device.name(), "read")) > 1000);
    // fio writes its results when interrupted: they are kept too.
    REQUIRE(!record.fio_jobs.empty());
    CHECK(record.fio_jobs.front().ios > 1000);
    CHECK(summary.find("[interrupted]") != std::string::npos);
}
