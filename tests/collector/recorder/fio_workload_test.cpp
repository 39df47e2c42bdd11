#include "collector/recorder/fio_workload.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

using namespace iolab::recorder;

TEST_CASE("fio workload: fio is recognised by its program name", "[recorder]") {
    CHECK(isFio({"fio", "job.fio"}));
    CHECK(isFio({"/usr/bin/fio", "--version"}));
    CHECK_FALSE(isFio({"fiona"}));
    CHECK_FALSE(isFio({"sh", "-c", "fio job.fio"}));
    CHECK_FALSE(isFio({}));
}

TEST_CASE("fio workload: a command's own output choice is kept", "[recorder]") {
    CHECK_FALSE(choosesOutput({"fio", "job.fio"}));
    CHECK(choosesOutput({"fio", "--output=out.txt", "job.fio"}));
    CHECK(choosesOutput({"fio", "--output-format=terse", "job.fio"}));
    CHECK(chosenJsonOutput({"fio", "--output-format=json", "--output=r.json", "job.fio"}) ==
          std::filesystem::path("r.json"));
    CHECK(chosenJsonOutput({"fio", "--output-format=json+", "--output", "r.json", "job.fio"}) ==
          std::filesystem::path("r.json"));
    CHECK_FALSE(chosenJsonOutput({"fio", "--output-format=json", "job.fio"})); // stdout
    CHECK_FALSE(chosenJsonOutput({"fio", "--output-format=terse", "--output=r.txt", "job.fio"}));
}

TEST_CASE("fio workload: JSON output is added to the command", "[recorder]") {
    const auto argv = withJsonOutput({"fio", "job.fio"}, "/tmp/x/fio.json");
    REQUIRE(argv.size() > 2);
    CHECK(argv.front() == "fio");
    CHECK(argv.back() == "job.fio");
    bool format = false;
    bool output = false;
    for (const auto& arg : argv) {
        format = format || arg.starts_with("--output-format=json");
        output = output || arg == "--output=/tmp/x/fio.json";
    }
    CHECK(format);
    CHECK(output);
}

TEST_CASE("fio workload: targets from --filename and job files, ${VAR} expanded", "[recorder]") {
    iolab::test::TempDir dir;
    const auto job = dir.file("job.fio");
    std::ofstream(job) << "[global]\nioengine=libaio\n[a]\nfilename=${IOLAB_TEST_TARGET}\n"
                       << "[b]\nfilename = /dev/loop7:/dev/loop8\n";
    setenv("IOLAB_TEST_TARGET", "/dev/loop3", 1);
    const auto targets = fioTargets({"fio", "--filename=/dev/zram0", job.string(),
                                     dir.file("missing.fio").string()});
    unsetenv("IOLAB_TEST_TARGET");
    CHECK(targets == std::vector<std::string>{"/dev/zram0", "/dev/loop3", "/dev/loop7", "/dev/loop8"});
}
