#include "analyzer/analysis/folded_export.h"
#include "analyzer/errors.h"
#include "analyzer/importers/folded.h"
#include "analyzer/importers/perf_script.h"
#include "import_fixture.h"
#include "tests/support/golden.h"

#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::importers;

TEST_CASE("folded export: golden file of the known functions profile", "[importers][export]") {
    const PerfScriptImporter importer;
    const RunRecord record = iolab::test::importFixture(importer, "known_functions.perf-script");
    const std::string folded = analysis::exportFolded(record.profile, {});
    CHECK(iolab::test::checkGolden(iolab::test::importFixturePath("known_functions.folded.golden"),
                                   folded) == "");
    // Byte-identical on a second import and export.
    const RunRecord again = iolab::test::importFixture(importer, "known_functions.perf-script");
    CHECK(analysis::exportFolded(again.profile, {}) == folded);
}

TEST_CASE("folded export: default event, --event and kernel suffix", "[importers][export]") {
    const PerfScriptImporter importer;
    const RunRecord record = iolab::test::importFixture(importer, "known_functions.perf-script");
    CHECK(analysis::defaultFoldedEvent(record.profile) == "cpu-clock");
    CHECK(analysis::exportFolded(record.profile, {"syscalls:sys_enter_close"}) == "[unknown] 5\n");
    const std::string folded = analysis::exportFolded(record.profile, {});
    CHECK(folded.find(";ksys_write_[k]") != std::string::npos);
    CHECK_THROWS_AS(analysis::exportFolded(record.profile, {"no-such-event"}), InputError);
}

TEST_CASE("folded export: round trip through the folded importer", "[importers][export]") {
    const FoldedImporter importer;
    const std::string text = "main;a;b_[k] 3\nmain;a;c 2\nmain;z 1\n";
    const RunRecord record = iolab::test::importText(importer, text);
    CHECK(analysis::exportFolded(record.profile, {}) == text);
}
