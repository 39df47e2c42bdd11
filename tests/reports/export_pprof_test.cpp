// pprof export, checked by decoding it with tools that are not iolab: gzip -dc, then protoc
// against the documented profile.proto fields (tests/data/export/profile.proto).
#include "analyzer/importers/opreport_text.h"
#include "analyzer/importers/perf_script.h"
#include "reports/export_pprof.h"
#include "tests/analyzer/importers/import_fixture.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

using namespace iolab;

namespace {

struct DecodedProfile {
    std::vector<std::string> strings;
    std::vector<std::int64_t> sampleTypes; // string index of each type
    std::vector<std::uint64_t> totals;     // per sample type, over every sample
    std::size_t samples = 0;
    std::size_t locations = 0;
    std::map<std::uint64_t, std::int64_t> functionNames; // function id -> string index
};

// protoc's text output, read line by line: "sample {" opens a sample, its "  value: N" lines
// are its values in sample type order.
DecodedProfile decode(const std::string& gzipped) {
    const iolab::test::TempDir dir;
    const auto file = dir.file("profile.pb.gz");
    std::ofstream(file, std::ios::binary) << gzipped;
    const std::string protoDir = std::string(IOLAB_SOURCE_DIR) + "/tests/data/export";
    const auto result = iolab::test::runCommand(
        {"sh", "-c",
         "gzip -dc '" + file.string() +
             "' | protoc --decode=perftools.profiles.Profile --proto_path='" + protoDir +
             "' profile.proto"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    DecodedProfile decoded;
    std::istringstream lines(result.out);
    std::string block;
    std::size_t valueIndex = 0;
    std::uint64_t functionId = 0;
    for (std::string line; std::getline(lines, line);) {
        if (!line.starts_with(" ") && line.ends_with(" {")) {
            block = line.substr(0, line.size() - 2);
            valueIndex = 0;
            decoded.samples += block == "sample" ? 1 : 0;
            decoded.locations += block == "location" ? 1 : 0;
            continue;
        }
        const auto number = [&](const char* prefix) {
            return std::stoll(line.substr(std::string(prefix).size()));
        };
        if (line.starts_with("string_table: ")) {
            // protoc prints strings quoted with C escapes; the test's names have none.
            decoded.strings.push_back(line.substr(15, line.size() - 16));
        } else if (block == "sample_type" && line.starts_with("  type: ")) {
            decoded.sampleTypes.push_back(number("  type: "));
            decoded.totals.push_back(0);
        } else if (block == "sample" && line.starts_with("  value: ")) {
            REQUIRE(valueIndex < decoded.totals.size());
            decoded.totals[valueIndex++] += static_cast<std::uint64_t>(number("  value: "));
        } else if (block == "function" && line.starts_with("  id: ")) {
            functionId = static_cast<std::uint64_t>(number("  id: "));
        } else if (block == "function" && line.starts_with("  name: ")) {
            decoded.functionNames[functionId] = number("  name: ");
        }
    }
    return decoded;
}

std::map<std::string, std::uint64_t> eventTotals(const StackProfile& profile) {
    std::map<std::string, std::uint64_t> totals;
    for (const Sample& sample : profile.samples) {
        totals[sample.event] += sample.count;
    }
    return totals;
}

std::map<std::string, std::uint64_t> decodedTotals(const DecodedProfile& decoded) {
    std::map<std::string, std::uint64_t> totals;
    for (std::size_t i = 0; i < decoded.sampleTypes.size(); ++i) {
        totals[decoded.strings.at(static_cast<std::size_t>(decoded.sampleTypes[i]))] =
            decoded.totals[i];
    }
    return totals;
}

bool hasFunction(const DecodedProfile& decoded, const std::string& name) {
    for (const auto& [id, index] : decoded.functionNames) {
        if (decoded.strings.at(static_cast<std::size_t>(index)) == name) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("pprof export: perf script stacks decode with protoc, totals per event",
          "[reports][export]") {
    const RunRecord record =
        iolab::test::importFixture(importers::PerfScriptImporter{}, "known_functions.perf-script");
    const DecodedProfile decoded = decode(reports::exportPprof(record.profile));
    CHECK(decoded.strings.at(0).empty());
    // Two events: cpu-clock (93 samples x period 5025125) and the tracepoint (5 x 1).
    CHECK(decodedTotals(decoded) == eventTotals(record.profile));
    CHECK(decodedTotals(decoded).at("cpu-clock") == 93ULL * 5025125);
    CHECK(decodedTotals(decoded).at("syscalls:sys_enter_close") == 5);
    CHECK(hasFunction(decoded, "ksys_write"));
    CHECK(hasFunction(decoded, "Accumulator<std::pair<int, long> >::add"));
    CHECK(decoded.locations == decoded.functionNames.size());
}

TEST_CASE("pprof export: the opreport blog example keeps both events' totals",
          "[reports][export]") {
    std::ifstream in(std::string(IOLAB_SOURCE_DIR) +
                         "/tests/data/opreport/variants/blog_lock_conflict.txt",
                     std::ios::binary);
    RunRecord record;
    importers::OpreportTextImporter{}.import({in, "blog"}, record);
    const DecodedProfile decoded = decode(reports::exportPprof(record.profile));
    CHECK(decodedTotals(decoded) == eventTotals(record.profile));
    CHECK(hasFunction(decoded, "lock_conflict"));
    CHECK(decoded.samples == 3); // prepare_to_copy, lock_conflict, [not in the report]
}
