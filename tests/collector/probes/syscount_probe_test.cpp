#include "tests/collector/probes/syscount_probe.h"
#include "tests/support/root.h"

#include <algorithm>
#include <bpf/bpf.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using iolab::probes::Mechanism;
using iolab::probes::SyscountProbe;

namespace {

constexpr std::uint64_t kCalls = 1000;

void callGetppid(std::uint64_t times) {
    for (std::uint64_t i = 0; i < times; ++i) {
        syscall(SYS_getppid);
    }
}

// Every BPF program loaded in the kernel, by id, with its (possibly truncated) name.
std::map<std::uint32_t, std::string> kernelPrograms() {
    std::map<std::uint32_t, std::string> programs;
    std::uint32_t id = 0;
    while (bpf_prog_get_next_id(id, &id) == 0) {
        const int fd = bpf_prog_get_fd_by_id(id);
        if (fd < 0) {
            continue; // unloaded since it was listed
        }
        bpf_prog_info info{};
        std::uint32_t length = sizeof(info);
        if (bpf_obj_get_info_by_fd(fd, &info, &length) == 0) {
            programs.emplace(id, info.name);
        }
        close(fd);
    }
    return programs;
}

// The ids of the programs this process holds open (a program fd and a link fd both name their
// program in fdinfo). Unlike a diff of kernelPrograms(), it cannot mistake a probe loaded by a
// test running in parallel for this one's.
std::set<std::uint32_t> programsHeldHere() {
    std::set<std::uint32_t> ids;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fdinfo")) {
        std::ifstream fdinfo(entry.path());
        std::string key;
        while (fdinfo >> key) {
            if (key == "prog_id:") {
                std::uint32_t id = 0;
                fdinfo >> id;
                ids.insert(id);
            }
        }
    }
    return ids;
}

} // namespace

TEST_CASE("syscount: loads, attaches and counts exactly N getppid calls", "[probe][root]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const SyscountProbe probe({.tgid = getpid()});
    INFO("attached with " << toString(probe.mechanism()));
    CHECK_FALSE(toString(probe.mechanism()).empty());
    CHECK(probe.count() == 0);

    callGetppid(kCalls);
    CHECK(probe.count() == kCalls);
}

TEST_CASE("syscount: counts with each mechanism when forced", "[probe][root]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const Mechanism forced = GENERATE(Mechanism::TpBtf, Mechanism::RawTp, Mechanism::Tracepoint);
    INFO("forced " << toString(forced));
    const SyscountProbe probe({.tgid = getpid(), .force = forced});
    CHECK(probe.mechanism() == forced);
    CHECK(probe.outcome().failures.empty());

    callGetppid(kCalls);
    CHECK(probe.count() == kCalls);
}

TEST_CASE("syscount: ignores other processes when filtered", "[probe][root]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const SyscountProbe probe({.tgid = getpid()});
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        callGetppid(kCalls);
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));

    callGetppid(kCalls / 2);
    CHECK(probe.count() == kCalls / 2);
}

TEST_CASE("syscount: leaves no program loaded once destroyed", "[probe][root]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    const std::set<std::uint32_t> heldBefore = programsHeldHere();
    std::set<std::uint32_t> ours;
    {
        const SyscountProbe probe({.tgid = getpid()});
        std::ranges::set_difference(programsHeldHere(), heldBefore,
                                    std::inserter(ours, ours.end()));
        // One program: the other mechanisms' programs were never loaded.
        REQUIRE(ours.size() == 1);
        const auto programs = kernelPrograms();
        REQUIRE(programs.contains(*ours.begin()));
        CHECK(programs.at(*ours.begin()).starts_with("syscount_"));
    }
    CHECK(programsHeldHere() == heldBefore);
    // Closing the last fd does not free a program at once: a link puts its program only after
    // an RCU grace period. Wait for that, boundedly.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto stillLoaded = [&] {
        const auto programs = kernelPrograms();
        return std::ranges::any_of(ours, [&](std::uint32_t id) { return programs.contains(id); });
    };
    while (stillLoaded() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK_FALSE(stillLoaded());
}
