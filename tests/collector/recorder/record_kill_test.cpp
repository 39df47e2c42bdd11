#include "analyzer/store/store.h"
#include "tests/collector/recorder/record_fixture.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_user.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <future>
#include <thread>

using namespace iolab;
using namespace iolab::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Processes whose command line mentions `needle` (a job file of this test): the workload, or a
// recorder's guardian.
std::vector<pid_t> processesMentioning(const std::string& needle) {
    std::vector<pid_t> found;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream in(entry.path() / "cmdline", std::ios::binary);
        const std::string line((std::istreambuf_iterator<char>(in)), {});
        if (line.find(needle) != std::string::npos) {
            found.push_back(std::stoi(name));
        }
    }
    return found;
}

// The recording directories left in the per-user scratch directory by recorder `pid`.
std::vector<fs::path> scratchOf(pid_t pid) {
    std::vector<fs::path> left;
    std::error_code error;
    const std::string prefix = "record-" + std::to_string(pid) + "-";
    for (const auto& entry : fs::directory_iterator("/tmp/iolab-0", error)) {
        if (entry.path().filename().string().rfind(prefix, 0) == 0) {
            left.push_back(entry.path());
        }
    }
    return left;
}

} // namespace

TEST_CASE("record: a recorder SIGKILLed at any moment leaves no workload running, and the next "
          "recording removes its temporary files",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 30);
    const auto db = dir.file("runs.db");
    std::vector<pid_t> killed;
    for (const auto delay : {50ms, 250ms, 600ms, 1500ms, 3000ms}) {
        INFO("killed after " << delay.count() << " ms");
        Spawned recorder({iolabBinary(), "record", "--probe", "block", "-o", db.string(), "--",
                          "fio", job.string()});
        std::this_thread::sleep_for(delay);
        kill(recorder.pid(), SIGKILL);
        CHECK(recorder.wait() == 128 + SIGKILL);
        killed.push_back(recorder.pid());
        std::vector<pid_t> left = processesMentioning(job.string());
        for (int i = 0; i < 30 && !left.empty(); ++i) {
            std::this_thread::sleep_for(100ms);
            left = processesMentioning(job.string());
        }
        CHECK(left.empty());
        for (const pid_t pid : left) {
            kill(pid, SIGKILL);
        }
    }
    const auto next = runCommand({iolabBinary(), "record", "--probe", "block", "-o",
                                  dir.file("next.db").string(), "--", "true"});
    CHECK(next.exit_code == 0);
    for (const pid_t pid : killed) {
        CHECK(scratchOf(pid).empty());
    }
    // Every killed run is left recording, and reads as abandoned.
    store::Store store(db, store::OpenMode::ReadOnly);
    for (const Run& run : store.listRuns()) {
        CHECK(run.status == RunStatus::Abandoned);
    }
}

TEST_CASE("record: Ctrl-C while the probes load stops the recording before the workload runs",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TestDevice device;
    TempDir dir;
    const auto job = writeFioJob(dir, device.path(), "randread", 30);
    const auto db = dir.file("runs.db");
    Spawned recorder({iolabBinary(), "record", "--probe", "block", "-o", db.string(), "--", "fio",
                      job.string()});
    // The guardian is forked before the probes attach: interrupt as soon as it is there.
    const std::string children = "/proc/" + std::to_string(recorder.pid()) + "/task/" +
                                 std::to_string(recorder.pid()) + "/children";
    for (int i = 0; i < 2000; ++i) {
        std::ifstream in(children);
        pid_t child = 0;
        if (in >> child) {
            break;
        }
        std::this_thread::sleep_for(1ms);
    }
    kill(recorder.pid(), SIGINT);
    const auto start = std::chrono::steady_clock::now();
    CHECK(recorder.wait() == 130);
    CHECK(std::chrono::steady_clock::now() - start < 10s);
    CHECK(processesMentioning(job.string()).empty());
}

TEST_CASE("record: with sudo's user, root neither follows a planted link nor chowns its target",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    TempDir dir;
    const TestUser user;
    fs::permissions(dir.path(),
                    fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const fs::path home = dir.path() / "home";
    fs::create_directory(home);
    ::chown(home.c_str(), user.uid(), user.gid());
    const fs::path precious = dir.file("root-only.db");
    std::ofstream(precious) << "root's data";
    fs::permissions(precious, fs::perms::owner_read | fs::perms::owner_write);
    REQUIRE(user.run({"ln", "-s", precious.string(), (home / "s.db").string()}).exit_code == 0);
    REQUIRE(user.run({"ln", "-s", (dir.path() / "made.db").string(), (home / "d.db").string()})
                .exit_code == 0);
    const std::string sudo[] = {"env", "SUDO_UID=" + std::to_string(user.uid()),
                                "SUDO_GID=" + std::to_string(user.gid())};
    for (const char* name : {"s.db", "d.db"}) {
        INFO(name);
        const auto result =
            runCommand({sudo[0], sudo[1], sudo[2], iolabBinary(), "record", "--probe", "block",
                        "-o", (home / name).string(), "--", "true"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("is a symbolic link"));
    }
    struct stat info {};
    REQUIRE(::stat(precious.c_str(), &info) == 0);
    CHECK(info.st_uid == 0);
    CHECK(!fs::exists(dir.path() / "made.db"));

    // A plain path: the new database is the user's.
    const auto own = runCommand({sudo[0], sudo[1], sudo[2], iolabBinary(), "record", "--probe",
                                 "block", "-o", (home / "own.db").string(), "--", "true"});
    CHECK(own.exit_code == 0);
    REQUIRE(::stat((home / "own.db").c_str(), &info) == 0);
    CHECK(info.st_uid == user.uid());
    CHECK((info.st_mode & 07777) == 0644);
}

TEST_CASE("record: two recorders into one new file both keep their run, 20 times",
          "[root][record]") {
    if (!requireRoot()) {
        return;
    }
    for (int attempt = 0; attempt < 20; ++attempt) {
        TempDir dir;
        const std::string db = dir.file("new.db").string();
        const std::vector<std::string> record{iolabBinary(), "record", "--probe", "block",
                                              "-o",          db,       "--",      "true"};
        auto first = std::async(std::launch::async, [&] { return runCommand(record); });
        const auto second = runCommand(record);
        const auto one = first.get();
        INFO(one.err << second.err);
        CHECK(one.exit_code == 0);
        CHECK(second.exit_code == 0);
        const auto runs = store::Store(db, store::OpenMode::ReadOnly).listRuns();
        REQUIRE(runs.size() == 2);
        CHECK(runs[0].status == RunStatus::Complete);
        CHECK(runs[1].status == RunStatus::Complete);
    }
}
