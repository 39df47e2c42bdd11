#include "analyzer/errors.h"
#include "analyzer/importers/folded.h"
#include "analyzer/importers/stack_aggregator.h"
#include "import_fixture.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::importers;
using iolab::test::countWith;
using iolab::test::importText;

TEST_CASE("folded: detection", "[importers][folded]") {
    const FoldedImporter importer;
    CHECK(importer.detect("main;work;spin 42\nmain;idle 3\n") == Detection::Yes);
    CHECK(importer.detect("(anonymous namespace)::f;g 1\n") == Detection::Yes);
    CHECK(importer.detect("main;work;sp") == Detection::NeedMore);
    CHECK(importer.detect("main;work 42\nmain;idle 3\nmain;wo") == Detection::NeedMore);
    CHECK(importer.detect("fio 3604 2312.9: 20408163 cpu-clock: \n") == Detection::No);
    CHECK(importer.detect("{\n") == Detection::No);
    CHECK(importer.detect("main;;work 3\n") == Detection::No);
}

TEST_CASE("folded: stacks, counts and kernel frames", "[importers][folded]") {
    const FoldedImporter importer;
    const RunRecord record = importText(importer, "main;work;spin 40\n"
                                                  "main;work;spin 2\n"
                                                  "main;write;vfs_write_[k] 7\n"
                                                  "\n"
                                                  "Accumulator<std::pair<int, long> >::add 1\n");
    const StackProfile& profile = record.profile;
    CHECK(countWith(profile, "samples", "spin") == 42);
    CHECK(countWith(profile, "samples", "main") == 49);
    CHECK(countWith(profile, "samples", "Accumulator<std::pair<int, long> >::add") == 1);
    bool sawKernel = false;
    for (const Frame& frame : profile.frames) {
        if (frame.symbol == "vfs_write") {
            sawKernel = frame.kind == FrameKind::Kernel;
        }
    }
    CHECK(sawKernel);
    CHECK(iolab::test::counterValue(record, "import.samples", "samples") == 50);
}

TEST_CASE("folded: malformed lines name the line", "[importers][folded]") {
    const FoldedImporter importer;
    CHECK_THROWS_WITH(importText(importer, "a;b 1\na;b x\n", "f.folded"),
                      Catch::StartsWith("f.folded:2: not a folded stack"));
    CHECK_THROWS_WITH(importText(importer, "a;b 1\n\n;a 3\n", "g.folded"),
                      Catch::StartsWith("g.folded:3:"));
    CHECK_THROWS_AS(importText(importer, "justonetoken\n"), InputError);
}

TEST_CASE("folded: a frame name longer than the limit is cut and counted", "[importers][folded]") {
    const FoldedImporter importer;
    const std::size_t limit = StackAggregator::kMaxFrameName;
    const std::string huge(3 * limit, 'x');
    const RunRecord record =
        importText(importer, "main;" + huge + ";leaf 5\nmain;" + huge + "y;leaf 2\nmain;b 1\n");
    const StackProfile& profile = record.profile;
    // Both long names share their first `limit` bytes, so they become one frame.
    std::size_t longFrames = 0;
    for (const Frame& frame : profile.frames) {
        CHECK(frame.symbol.size() <= limit);
        longFrames += frame.symbol.size() == limit ? 1 : 0;
    }
    CHECK(longFrames == 1);
    CHECK(countWith(profile, "samples", std::string(limit, 'x')) == 7);
    CHECK(countWith(profile, "samples", "leaf") == 7);
    const auto cut =
        std::find_if(record.counters.begin(), record.counters.end(), [](const Counter& counter) {
            return counter.name == "import.truncated_frame_names";
        });
    REQUIRE(cut != record.counters.end());
    CHECK(cut->value == 2);
    CHECK(cut->dimensions.at("limit_bytes") == std::to_string(limit));
}
