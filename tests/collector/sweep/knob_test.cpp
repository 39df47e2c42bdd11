#include "analyzer/errors.h"
#include "analyzer/importers/fio_json.h"
#include "collector/sweep/fio_options.h"
#include "collector/sweep/knob.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

namespace iolab::sweep {
namespace {

std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("sweep knobs: the three kinds and their values", "[sweep]") {
    const Knob device = parseKnob("dev.loop3.scheduler=none,mq-deadline");
    CHECK(device.kind == KnobKind::Device);
    CHECK(device.device == "loop3");
    CHECK(device.key == "scheduler");
    CHECK(device.values == std::vector<std::string>{"none", "mq-deadline"});
    CHECK(parseKnob("clocksource=tsc").kind == KnobKind::Clocksource);
    const Knob fio = parseKnob("fio.iodepth=1,16");
    CHECK(fio.kind == KnobKind::Fio);
    CHECK(fio.key == "iodepth");
}

TEST_CASE("sweep knobs: malformed ones are input errors naming them", "[sweep]") {
    for (const char* text : {"fio.iodepth", "colour=red", "dev.scheduler=none", "fio.=1",
                             "fio.iodepth=1,,2", "fio.iodepth=1,1", "dev.loop3.x y=1"}) {
        INFO(text);
        CHECK_THROWS_AS(parseKnob(text), InputError);
    }
    CHECK_THROWS_WITH(parseKnob("colour=red"), Catch::Contains("unknown knob"));
}

TEST_CASE("sweep knobs: a device that is not a block device, an unknown clock source", "[sweep]") {
    CHECK_THROWS_WITH(checkKnobs({parseKnob("dev.null.scheduler=none")}),
                      Catch::Contains("null is not a block device"));
    CHECK_THROWS_WITH(checkKnobs({parseKnob("clocksource=sundial")}),
                      Catch::Contains("clocksource=sundial: the kernel offers"));
    CHECK_THROWS_WITH(checkKnobs({parseKnob("fio.bs=4k"), parseKnob("fio.bs=8k")}),
                      Catch::Contains("given twice"));
}

// fio itself is the oracle: the job options it reports using are the ones set.
TEST_CASE("sweep knobs: fio options reach every job, the user's file untouched", "[sweep]") {
    test::TempDir dir;
    const auto job = dir.file("two.fio");
    const std::string original = "[global]\nioengine=null\nsize=1m\nbs=4k\niodepth=8\n"
                                 "[first]\nrw=read\niodepth=32\n[second]\nrw=read\n";
    std::ofstream(job) << original;
    const auto argv = withFioOptions({"fio", job.string()}, {{"iodepth", "4"}, {"bs", "8k"}},
                                     dir.path(), "cell1");
    REQUIRE(argv.size() == 2);
    CHECK(argv[1] == (dir.path() / "cell1-two.fio").string());
    CHECK(contents(job) == original);
    CHECK_NOTHROW(checkFioCommand(argv, dir.path(), "cell 1"));

    const auto output = dir.file("out.json");
    const auto ran =
        test::runCommand({"fio", "--output-format=json", "--output=" + output.string(), argv[1]});
    REQUIRE(ran.exit_code == 0);
    const auto results = importers::parseFioJson(contents(output), output.string());
    CHECK(results.metadata.at("fio.first.iodepth") == "4");
    CHECK(results.metadata.at("fio.second.iodepth") == "4");
    CHECK(results.metadata.at("fio.first.bs") == "8k");
    CHECK(results.metadata.at("fio.second.bs") == "8k");
}

TEST_CASE("sweep knobs: fio options on command-line jobs", "[sweep]") {
    test::TempDir dir;
    const auto argv = withFioOptions(
        {"fio", "--ioengine=null", "--name=a", "--size=1m", "--name=b", "--size=1m", "--iodepth=2"},
        {{"iodepth", "4"}}, dir.path(), "cell1");
    CHECK(argv == std::vector<std::string>{"fio", "--ioengine=null", "--name=a", "--size=1m",
                                           "--iodepth=4", "--name=b", "--size=1m", "--iodepth=2",
                                           "--iodepth=4"});
}

TEST_CASE("sweep knobs: fio refuses an option or a value: its complaint, as an input error",
          "[sweep]") {
    test::TempDir dir;
    const auto job = dir.file("j.fio");
    std::ofstream(job) << "[j]\nioengine=null\nsize=1m\nrw=read\n";
    const auto bogus = withFioOptions({"fio", job.string()}, {{"bogus", "3"}}, dir.path(), "c1");
    CHECK_THROWS_WITH(checkFioCommand(bogus, dir.path(), "fio.bogus=3"),
                      Catch::Contains("fio.bogus=3: fio refuses it") && Catch::Contains("bogus=3"));
    const auto value =
        withFioOptions({"fio", job.string()}, {{"rw", "sideways"}}, dir.path(), "c2");
    CHECK_THROWS_WITH(checkFioCommand(value, dir.path(), "fio.rw=sideways"),
                      Catch::Contains("failed parsing rw=sideways"));
}

} // namespace iolab::sweep
