#include "collector/probes/cpu.h"
#include "tests/collector/probes/probe_test_support.h"
#include "tests/support/root.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>

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

// The build id `readelf -n` prints for `binary`.
std::string buildId(const std::filesystem::path& binary) {
    const auto notes = iolab::test::runCommand({"readelf", "-n", binary.string()});
    std::smatch match;
    REQUIRE(std::regex_search(notes.out, match, std::regex("Build ID: ([0-9a-f]+)")));
    return match[1];
}

// A debug file installed where debuggers look it up by build id, removed with the directories
// this created.
class InstalledDebugFile {
public:
    InstalledDebugFile(const std::filesystem::path& debugFile, const std::string& id)
        : m_root("/usr/lib/debug/.build-id") {
        std::filesystem::path directory = m_root / id.substr(0, 2);
        for (std::filesystem::path p = directory; !std::filesystem::exists(p);
             p = p.parent_path()) {
            m_created = p;
        }
        std::filesystem::create_directories(directory);
        m_file = directory / (id.substr(2) + ".debug");
        std::filesystem::copy_file(debugFile, m_file);
    }
    ~InstalledDebugFile() {
        std::filesystem::remove(m_file);
        if (!m_created.empty()) {
            std::filesystem::remove_all(m_created);
        }
    }
    InstalledDebugFile(const InstalledDebugFile&) = delete;
    InstalledDebugFile& operator=(const InstalledDebugFile&) = delete;

private:
    std::filesystem::path m_root;
    std::filesystem::path m_file;
    std::filesystem::path m_created; // the outermost directory this made, if any
};

} // namespace

TEST_CASE("CpuProbe: a stripped binary's functions come from its debug file, found by build id",
          "[root][cpu]") {
    if (!iolab::test::requireRoot()) {
        return;
    }
    iolab::test::TempDir dir;
    const auto binary = dir.file("stripped_spin");
    const auto debugFile = dir.file("stripped_spin.debug");
    std::filesystem::copy_file(iolab::test::probeProgram("spin_hot"), binary);
    REQUIRE(iolab::test::runCommand(
                {"objcopy", "--only-keep-debug", binary.string(), debugFile.string()})
                .exit_code == 0);
    REQUIRE(iolab::test::runCommand({"strip", "--strip-all", binary.string()}).exit_code == 0);
    // The control: the binary alone no longer names the hot function.
    CHECK(iolab::test::runCommand({"nm", binary.string()}).out.find("iolab_test_spin_hot") ==
          std::string::npos);
    const InstalledDebugFile installed(debugFile, buildId(binary));

    CpuProbe probe({.frequency_hz = 199});
    probe.attach({});
    const auto result = iolab::test::runCommand({binary.string(), "1.5"});
    probe.detach();
    REQUIRE(result.exit_code == 0);
    iolab::RunRecord record;
    probe.collect(record);

    const auto self = selfByUserFunction(record.profile, "stripped_spin");
    std::uint64_t total = 0;
    for (const auto& [function, count] : self) {
        total += count;
    }
    REQUIRE(total > 50);
    REQUIRE(self.count("iolab_test_spin_hot") == 1);
    CHECK(static_cast<double>(self.at("iolab_test_spin_hot")) > 0.8 * static_cast<double>(total));
}

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
