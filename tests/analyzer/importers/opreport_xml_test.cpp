#include "analyzer/errors.h"
#include "analyzer/importers/opreport_xml.h"
#include "tests/analyzer/opreport/opreport_fixture.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>

using iolab::FrameKind;
using iolab::importers::Detection;
using iolab::importers::OpreportXmlImporter;
using iolab::test::edgeCount;
using iolab::test::findFrame;
using iolab::test::importFixture;
using iolab::test::selfSamples;

namespace {

std::string importError(const std::string& fixture) {
    try {
        importFixture(OpreportXmlImporter{}, fixture);
    } catch (const iolab::InputError& error) {
        return error.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("opreport --xml -c: self samples and call edges of two events", "[importers][opreport]") {
    const auto record = importFixture(OpreportXmlImporter{}, "callgraph_lock_conflict.xml");
    const auto& profile = record.profile;
    CHECK(selfSamples(profile, "lock_conflict", "CPU_CLK_UNHALTED") == 2013);
    CHECK(selfSamples(profile, "lock_conflict", "LLC_MISSES") == 412);
    CHECK(selfSamples(profile, "foo_make_request", "CPU_CLK_UNHALTED") == 420);
    CHECK(selfSamples(profile, "native_queued_spin_lock_slowpath", "LLC_MISSES") == 95);
    CHECK(edgeCount(profile, "foo_make_request", "lock_conflict", "CPU_CLK_UNHALTED") == 3513);
    CHECK(edgeCount(profile, "foo_make_request", "lock_conflict", "LLC_MISSES") == 507);
    CHECK(edgeCount(profile, "foo_submit_bio", "foo_make_request", "LLC_MISSES") == 668);
    // self="true" callees are the entry's own samples.
    CHECK(edgeCount(profile, "lock_conflict", "lock_conflict", "CPU_CLK_UNHALTED") == 0);
    CHECK(profile.edges.size() == 8);

    const auto* lock = findFrame(profile, "lock_conflict");
    REQUIRE(lock != nullptr);
    CHECK(lock->module == "/lib/modules/6.1.0-13-amd64/extra/foo.ko");
    CHECK(lock->kind == FrameKind::Module);
    CHECK(findFrame(profile, "native_queued_spin_lock_slowpath")->kind == FrameKind::Kernel);
    CHECK(findFrame(profile, "foo_submit_bio")->kind == FrameKind::Module);
    for (const auto& sample : profile.samples) {
        CHECK(sample.process == "/usr/bin/fio");
    }
    CHECK(record.run.metadata.at("event.LLC_MISSES.unit_mask") == "65");
    CHECK(record.run.metadata.at("event.CPU_CLK_UNHALTED.count") == "100000");
}

TEST_CASE("opreport --xml: detection", "[importers][opreport]") {
    const OpreportXmlImporter importer;
    const std::string file =
        iolab::test::readFile(iolab::test::opreportFixture("callgraph_lock_conflict.xml"));
    CHECK(importer.detect(file) == Detection::Yes);
    CHECK(importer.detect(file.substr(0, 30)) == Detection::NeedMore);
    CHECK(importer.detect("<?xml version=\"1.0\"?>\n<svg width=\"10\">") == Detection::No);
    CHECK(importer.detect("{\"fio version\": \"fio-3.33\"}") == Detection::No);
}

TEST_CASE("opreport --xml: malformed and truncated files name file and line",
          "[importers][opreport]") {
    CHECK(importError("bad/xml_truncated.xml") == "bad/xml_truncated.xml:44: unclosed token");
    CHECK(importError("bad/xml_unknown_idref.xml") ==
          "bad/xml_unknown_idref.xml:69: symbol idref=99 has no <symboldata> entry");
    CHECK(importError("bad/xml_bad_count.xml") ==
          "bad/xml_bad_count.xml:44: '85O' is not a sample count");
}

namespace {

constexpr const char* kXmlHead =
    "<?xml version=\"1.0\" ?><profile title=\"t\" schemaversion=\"3.1\" cputype=\"x\" "
    "processor=\"p\" mhz=\"1\"><setup><eventsetup id=\"0\" eventname=\"CPU_CLK_UNHALTED\" "
    "unitmask=\"0\" setupcount=\"100000\"/></setup><classes><class name=\"c0\" event=\"0\" "
    "mask=\"0\"/></classes><binary name=\"/usr/bin/fio\"><count class=\"c0\">5</count><symbol "
    "idref=\"0\"><count class=\"c0\">5</count></symbol></binary><symboltable>";

double secondsToImport(const std::string& text) {
    const auto start = std::chrono::steady_clock::now();
    std::istringstream stream(text);
    iolab::RunRecord record;
    OpreportXmlImporter{}.import({stream, "generated.xml"}, record);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("opreport --xml: one long line costs linear time", "[importers][opreport]") {
    constexpr std::size_t kBytes = 8 << 20;
    // One line: the document's bytes are mostly one symbol name, a single token.
    const std::string oneLine = std::string(kXmlHead) + "<symboldata id=\"0\" name=\"" +
                                std::string(kBytes, 'f') +
                                "\" startingaddr=\"0\"/></symboltable></profile>";
    // As many bytes over many lines and tokens.
    std::string manyLines = std::string(kXmlHead) + "\n";
    for (int id = 0; manyLines.size() < oneLine.size(); ++id) {
        manyLines += "<symboldata id=\"" + std::to_string(id) + "\" name=\"" +
                     std::string(100, 'f') + "\" startingaddr=\"0\"/>\n";
    }
    manyLines += "</symboltable></profile>\n";
    const double lines = secondsToImport(manyLines);
    const double line = secondsToImport(oneLine);
    INFO("one line " << line << " s, many lines " << lines << " s");
    // Quadratic scanning made the one line several times slower (5.2 s against 1.1 s).
    CHECK(line < 3 * lines);
}
