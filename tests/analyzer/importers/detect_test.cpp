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
