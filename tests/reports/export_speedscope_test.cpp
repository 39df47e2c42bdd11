// speedscope export, checked against the required fields of speedscope's file format schema
// (https://www.speedscope.app/file-format-schema.json) and the run's totals.
#include "analyzer/importers/perf_script.h"
#include "reports/export_speedscope.h"
#include "tests/analyzer/importers/import_fixture.h"

#include <catch2/catch.hpp>
#include <map>
#include <nlohmann/json.hpp>

using namespace iolab;
using nlohmann::json;

TEST_CASE("speedscope export: schema fields, one sampled profile per event, totals",
          "[reports][export]") {
    const RunRecord record =
        iolab::test::importFixture(importers::PerfScriptImporter{}, "known_functions.perf-script");
    const json file = json::parse(reports::exportSpeedscope(record.profile, "known"));
    CHECK(file.at("$schema") == "https://www.speedscope.app/file-format-schema.json");
    CHECK(file.at("name") == "known");
    const json& frames = file.at("shared").at("frames");
    REQUIRE(frames.is_array());
    for (const json& frame : frames) {
        CHECK(frame.at("name").is_string());
    }
    std::map<std::string, std::uint64_t> expected;
    for (const Sample& sample : record.profile.samples) {
        expected[sample.event] += sample.count;
    }
    std::map<std::string, std::uint64_t> exported;
    const json& profiles = file.at("profiles");
    REQUIRE(profiles.size() == 2);
    for (const json& profile : profiles) {
        CHECK(profile.at("type") == "sampled");
        CHECK(profile.at("unit") == "none");
        CHECK(profile.at("startValue") == 0);
        const json& samples = profile.at("samples");
        const json& weights = profile.at("weights");
        REQUIRE(samples.size() == weights.size());
        std::uint64_t total = 0;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            REQUIRE(!samples[i].empty());
            for (const json& frame : samples[i]) {
                CHECK(frame.get<std::size_t>() < frames.size());
            }
            total += weights[i].get<std::uint64_t>();
        }
        CHECK(profile.at("endValue") == total);
        exported[profile.at("name").get<std::string>()] = total;
    }
    CHECK(exported == expected);
    CHECK(exported.at("cpu-clock") == 93ULL * 5025125);
    // The profile that opens first is the event with the most samples.
    CHECK(profiles.at(file.at("activeProfileIndex").get<std::size_t>()).at("name") == "cpu-clock");
    // Stacks are written root first: main is below the functions it calls.
    bool mainFirst = false;
    const json& cpu = profiles.at(file.at("activeProfileIndex").get<std::size_t>());
    for (const json& stack : cpu.at("samples")) {
        for (std::size_t i = 0; i < stack.size(); ++i) {
            if (frames.at(stack[i].get<std::size_t>()).at("name") == "main") {
                mainFirst = mainFirst || i + 1 < stack.size();
            }
        }
    }
    CHECK(mainFirst);
}
