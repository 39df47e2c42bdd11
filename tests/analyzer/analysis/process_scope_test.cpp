#include "analyzer/analysis/flat_profile.h"
#include "analyzer/analysis/folded_export.h"
#include "analyzer/analysis/process_scope.h"
#include "analyzer/errors.h"
#include "analyzer/model/stack_profile_builder.h"

#include <catch2/catch.hpp>

using namespace iolab;
using analysis::ProcessScope;

namespace {

// fio (pid 10: 7 samples, pid 11: 3) beside a compiler (pid 20: 40 samples) whose stacks, like
// fio's, start in code no symbol covers.
RunRecord fioBesideCompiler() {
    RunRecord record;
    record.run.command = "taskset -c 1 /usr/bin/fio job.fio";
    StackProfileBuilder builder;
    const Frame unknown{"[unknown]", "[unknown]", FrameKind::User};
    const Frame unknownFio{"[unknown]", "/usr/bin/fio", FrameKind::User};
    const Frame read{"read", "libc.so.6", FrameKind::User};
    const Frame parse{"parse", "cc1plus", FrameKind::User};
    builder.addSample(std::vector{unknown, read}, "cpu-clock", "fio", 10, 4);
    builder.addSample(std::vector{unknownFio, read}, "cpu-clock", "fio", 10, 3);
    builder.addSample(std::vector{unknown, read}, "cpu-clock", "fio", 11, 3);
    builder.addSample(std::vector{unknown, parse}, "cpu-clock", "cc1plus", 20, 40);
    record.profile = builder.take();
    return record;
}

std::uint64_t total(const analysis::ScopedProfile& scoped) {
    return analysis::buildFlatProfile(scoped.profile, {.event = "cpu-clock", .processes = {}})
        .total;
}

} // namespace

TEST_CASE("Process scope: the workload is the command's programs", "[analysis][scope]") {
    const RunRecord record = fioBesideCompiler();
    const auto workload = analysis::scopeProfile(record, {});
    CHECK(workload.label == "fio");
    CHECK(workload.processes == std::vector<std::string>{"fio"});
    CHECK(total(workload) == 10);
    const auto all = analysis::scopeProfile(record, {ProcessScope::Kind::All, ""});
    CHECK(all.label == "all processes");
    CHECK(total(all) == 50);
    const auto byName = analysis::scopeProfile(record, {ProcessScope::Kind::Process, "cc1plus"});
    CHECK(byName.label == "cc1plus");
    CHECK(total(byName) == 40);
    const auto byPid = analysis::scopeProfile(record, {ProcessScope::Kind::Process, "11"});
    CHECK(byPid.label == "fio (pid 11)");
    CHECK(total(byPid) == 3);
    CHECK_THROWS_WITH(analysis::scopeProfile(record, {ProcessScope::Kind::Process, "gcc"}),
                      Catch::Contains("cc1plus (20)") && Catch::Contains("'gcc'"));
    CHECK_THROWS_AS(analysis::scopeProfile(record, {ProcessScope::Kind::Process, "99"}),
                    InputError);
}

TEST_CASE("Process scope: without a workload process every process counts, and says so",
          "[analysis][scope]") {
    RunRecord record = fioBesideCompiler();
    record.run.command.clear();
    const auto scoped = analysis::scopeProfile(record, {});
    CHECK(scoped.processes.empty());
    CHECK(scoped.label == "all processes");
    CHECK(total(scoped) == 50);
}

TEST_CASE("Process scope: the picker lists processes by samples", "[analysis][scope]") {
    const auto processes = analysis::profileProcesses(fioBesideCompiler().profile);
    REQUIRE(processes.size() == 3);
    CHECK(processes[0].name == "cc1plus");
    CHECK(processes[0].samples == 40);
    CHECK(processes[1].pid == 10);
    CHECK(processes[1].samples == 7);
    CHECK(processes[2].pid == 11);
}

TEST_CASE("Process scope: unknown frames of different programs never merge", "[analysis][scope]") {
    const auto all = analysis::scopeProfile(fioBesideCompiler(), {ProcessScope::Kind::All, ""});
    const auto flat =
        analysis::buildFlatProfile(all.profile, {.event = "cpu-clock", .processes = {}});
    std::map<std::string, std::uint64_t> unknownByLabel;
    for (const auto& entry : flat.entries) {
        if (entry.frame.symbol == "[unknown]") {
            unknownByLabel[analysis::frameLabel(entry.frame)] += entry.inclusive;
        }
    }
    // fio's 4 + 3 samples in code of no known module, its 3 in fio's own binary, the compiler's
    // 40 in code of no known module: three boxes, not one of 50.
    CHECK(unknownByLabel ==
          std::map<std::string, std::uint64_t>{{"[unknown] fio (process)", 7},
                                               {"[unknown] fio", 3},
                                               {"[unknown] cc1plus (process)", 40}});
    const std::string folded = analysis::exportFolded(all.profile, {});
    CHECK(folded == "[unknown] cc1plus (process);parse 40\n[unknown] fio (process);read 7\n"
                    "[unknown] fio;read 3\n");
}

TEST_CASE("Frame labels name the module of unknown code", "[analysis][scope]") {
    CHECK(analysis::frameLabel({"vfs_read", "[kernel.kallsyms]", FrameKind::Kernel}) == "vfs_read");
    CHECK(analysis::frameLabel({"[unknown]", "/usr/bin/fio", FrameKind::User}) == "[unknown] fio");
    CHECK(analysis::frameLabel({"", "[unknown]", FrameKind::User}) == "[unknown]");
}
