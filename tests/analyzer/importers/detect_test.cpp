#include "analyzer/errors.h"
#include "analyzer/importers/detect.h"
#include "import_fixture.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace iolab::importers;
using iolab::test::importFixturePath;

namespace {

std::string detectFile(const std::string& fixture) {
    const Importers all = allImporters();
    std::ifstream file(importFixturePath(fixture), std::ios::binary);
    const Importer* found = detectFormat(all, file);
    CHECK(file.tellg() == 0); // rewound for the import
    return found == nullptr ? "none" : std::string(found->format());
}

} // namespace

TEST_CASE("detect: each fixture's format", "[importers][detect]") {
    CHECK(detectFile("known_functions.perf-script") == "perf-script");
    CHECK(detectFile("known_functions_flat.perf-script") == "perf-script");
    CHECK(detectFile("fio_randread.perf-script") == "perf-script");
    CHECK(detectFile("fio_jobs.json") == "fio-json");
    CHECK(detectFile("fio_jobs_plus.json") == "fio-json");
    CHECK(detectFile("fio_warning_error.json") == "fio-json");
    CHECK(detectFile("known_functions.folded.golden") == "folded");
    CHECK(detectFile("fio_warning_error.fio") == "none");
    CHECK(detectFile("src/known_functions.cpp") == "none");
}

TEST_CASE("detect: short inputs and a last line without newline", "[importers][detect]") {
    const Importers all = allImporters();
    std::istringstream folded("main;work 3");
    const Importer* found = detectFormat(all, folded);
    REQUIRE(found != nullptr);
    CHECK(found->format() == "folded");
    std::istringstream empty("");
    CHECK(detectFormat(all, empty) == nullptr);
    CHECK(findImporter(all, "perf-script") != nullptr);
    CHECK(findImporter(all, "nope") == nullptr);
    CHECK(formatNames(all).find("fio-json") != std::string::npos);
}

TEST_CASE("detect: two formats that both match are named, never guessed", "[importers][detect]") {
    const Importers all = allImporters();
    // A perf script sample line without a stack is also a folded stack whose frame holds spaces.
    std::istringstream both("java 1234 cycles: 5\n");
    CHECK_THROWS_WITH(detectFormat(all, both),
                      "the input reads as perf-script or folded; choose one with --format");
    CHECK_THROWS_AS(detectFormat(all, std::string_view("java 1234 cycles: 5\n")),
                    iolab::InputError);
}

TEST_CASE("detect: the variants of each format", "[importers][detect]") {
    CHECK(detectFile("variants/dd_space_indent.perf-script") == "perf-script");
    CHECK(detectFile("variants/dd_no_time_unindented.perf-script") == "perf-script");
    CHECK(detectFile("variants/dd_vmlinux_path.perf-script") == "perf-script");
    CHECK(detectFile("variants/inl_modifiers.perf-script") == "perf-script");
    CHECK(detectFile("variants/inl_inlined.perf-script") == "perf-script");
    CHECK(detectFile("variants/fio_2_1.json") == "fio-json");
    CHECK(detectFile("variants/fio_2_20.json") == "fio-json");
    CHECK(detectFile("../opreport/variants/blog_lock_conflict.txt") == "opreport");
    CHECK(detectFile("../opreport/variants/operf_trimmed_tabs.txt") == "opreport");
}
