#include "collector/probes/cpu.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"

#include <catch2/catch.hpp>
#include <map>

using iolab::probes::CpuProbe;

namespace {

// Samples per innermost user frame of the processes named `comm`.
std::map<std::string, std::uint64_t> selfByUserFunction(const iolab::StackProfile& profile,
                                                        const std::string& comm) {
    std::map<std::string, std::uint64_t> self;
    for (const iolab::Sample& sample : profile.samples) {
        if (sample.process != comm) {
            continue;
        }
        std::string innermostUser = "[none]";
        for (std::int64_t node = sample.node; node != iolab::StackNode::kNoParent;
             node = profile.nodes[node].parent) {
            const iolab::Frame& frame = profile.frames[profile.nodes[node].frame];
            if (frame.kind == iolab::FrameKind::User) {
                innermostUser = frame.symbol;
                break;
            }
        }
        self[innermostUser] += sample.count;
    }
    return self;
}

} // namespace

TEST_CASE("CpuProbe: a busy function is on top of its process's profile", "[root][cpu]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    CpuProbe probe({.frequency_hz = 199});
    probe.attach({});
    const auto result = iolab::test::runCommand({iolab::test::probeProgram("spin_hot"), "2"});
    probe.detach();
    REQUIRE(result.exit_code == 0);
    iolab::RunRecord record;
    probe.collect(record);

    // The comm is the executable's name cut to 15 characters.
    const auto self = selfByUserFunction(record.profile, "iolab_probe_spi");
    std::uint64_t total = 0;
    for (const auto& [function, count] : self) {
        total += count;
    }
    REQUIRE(total > 100);
    CHECK(self.count("iolab_test_spin_hot") == 1);
    CHECK(static_cast<double>(self.at("iolab_test_spin_hot")) > 0.8 * static_cast<double>(total));
    CHECK(record.run.metadata.at("probe.cpu.frequency_hz") == "199");
    // Stacks run outermost first: main calls the hot function.
    bool mainAboveHot = false;
    for (const iolab::StackNode& node : record.profile.nodes) {
        if (node.parent != iolab::StackNode::kNoParent &&
            record.profile.frames[node.frame].symbol == "iolab_test_spin_hot" &&
            record.profile.frames[record.profile.nodes[node.parent].frame].symbol == "main") {
            mainAboveHot = true;
        }
    }
    CHECK(mainAboveHot);
}
