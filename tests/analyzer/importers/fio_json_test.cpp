#include "analyzer/errors.h"
#include "analyzer/importers/fio_json.h"
#include "import_fixture.h"

#include <catch2/catch.hpp>

using namespace iolab;
using namespace iolab::importers;
using iolab::test::readFixture;

namespace {

const FioJob& findJob(const FioResults& results, const std::string& job,
                      const std::string& direction) {
    for (const FioJob& candidate : results.jobs) {
        if (candidate.job == job && candidate.direction == direction) {
            return candidate;
        }
    }
    throw std::runtime_error("no job " + job + " " + direction);
}

std::uint64_t percentile(const LatencySummary& summary, double percent) {
    for (const Percentile& entry : summary.percentiles) {
        if (entry.percent == Approx(percent)) {
            return entry.value_ns;
        }
    }
    return 0;
}

} // namespace

TEST_CASE("fio json: detection", "[importers][fio]") {
    const FioJsonImporter importer;
    CHECK(importer.detect("{\n  \"fio version\" : \"fio-3.33\",\n") == Detection::Yes);
    CHECK(importer.detect("note: both iodepth >= 1 and synchronous I/O engine are selected\n{\n"
                          "  \"fio version\" : \"fio-3.33\",\n") == Detection::Yes);
    CHECK(importer.detect("{\n  \"fio ver") == Detection::NeedMore);
    CHECK(importer.detect("note: a warning line\n") == Detection::NeedMore);
    CHECK(importer.detect("{\n  \"name\" : \"x\"\n}\n") == Detection::No);
    CHECK(importer.detect("main;work 12\n") == Detection::NeedMore); // no '{' yet
    CHECK(importer.detect(std::string(70000, 'x')) == Detection::No);
}

// Values read once from the fixtures with Python's json module (golden):
//   d = json.load(open('fio_jobs.json')); x = d['jobs'][i][direction]
//   x['total_ios'], x['iops'], x['bw_bytes'], x['runtime'], x['clat_ns'][...]
TEST_CASE("fio json: several jobs and directions", "[importers][fio]") {
    const FioResults results = parseFioJson(readFixture("fio_jobs.json"), "fio_jobs.json");
    REQUIRE(results.jobs.size() == 4); // idle directions are skipped
    const FioJob& randread = findJob(results, "randread", "read");
    CHECK(randread.ios == 17209);
    CHECK(randread.iops == Approx(8600.1999));
    CHECK(randread.bandwidth_bytes == 35226418);
    CHECK(randread.runtime_ms == 2001);
    CHECK(randread.clat.min_ns == 22284);
    CHECK(randread.clat.max_ns == 7730310);
    CHECK(randread.clat.mean_ns == Approx(113834.163519));
    CHECK(percentile(randread.clat, 99.0) == 1875968);
    CHECK(randread.clat.percentiles.size() == 17);
    CHECK(randread.clat_histogram.empty());
    const FioJob& seqwrite = findJob(results, "seqwrite", "write");
    CHECK(seqwrite.ios == 28289);
    CHECK(seqwrite.bandwidth_bytes == 922362141);
    CHECK(percentile(seqwrite.clat, 99.0) == 115200);
    const FioJob& mixedRead = findJob(results, "mixed", "read");
    const FioJob& mixedWrite = findJob(results, "mixed", "write");
    CHECK(mixedRead.ios == 13647);
    CHECK(mixedWrite.ios == 5867);
    CHECK(mixedWrite.iops == Approx(2930.569431));
    CHECK(percentile(mixedWrite.clat, 99.0) == 4685824);
    CHECK(results.metadata.at("fio.version") == "fio-3.33");
    CHECK(results.metadata.at("fio.mixed.ioengine") == "libaio");
    CHECK(results.metadata.at("fio.mixed.iodepth") == "4");
    CHECK(results.metadata.at("fio.seqwrite.bs") == "64k");
    CHECK(results.metadata.at("fio.randread.filename") == "/tmp/imp/fx/data1");
    CHECK(results.metadata.at("fio.mixed.rw") == "randrw");
}

// json+ bins: len(bins), sum(bins.values()), the lowest key and its count (Python, as above).
TEST_CASE("fio json+: clat bins become a histogram with fio's bucket bounds", "[importers][fio]") {
    const FioResults results =
        parseFioJson(readFixture("fio_jobs_plus.json"), "fio_jobs_plus.json");
    const FioJob& randread = findJob(results, "randread", "read");
    REQUIRE(randread.clat_histogram.size() == 345);
    std::uint64_t total = 0;
    for (const HistogramBucket& bucket : randread.clat_histogram) {
        total += bucket.count;
        CHECK(bucket.lower < bucket.upper);
    }
    CHECK(total == randread.ios);
    CHECK(total == 17717);
    // Key 25472 is the middle of fio's bucket [25344, 25600): 64 steps of 256 in [16384, 32768).
    CHECK(randread.clat_histogram.front() == HistogramBucket{25344, 25600, 1});
    const FioJob& mixedWrite = findJob(results, "mixed", "write");
    CHECK(mixedWrite.clat_histogram.size() == 298);
    CHECK(mixedWrite.clat_histogram.back().count == 2);
    CHECK(mixedWrite.clat_histogram.back().lower < 177209344);
    CHECK(mixedWrite.clat_histogram.back().upper > 177209344);
}

TEST_CASE("fio json: group_reporting gives one entry per group", "[importers][fio]") {
    const FioResults results =
        parseFioJson(readFixture("fio_group_reporting.json"), "fio_group_reporting.json");
    REQUIRE(results.jobs.size() == 1);
    CHECK(results.jobs[0].job == "grouped");
    CHECK(results.jobs[0].ios == 68572);
    CHECK(results.jobs[0].iops == Approx(34251.748252));
}

TEST_CASE("fio json: trim direction", "[importers][fio]") {
    const FioResults results = parseFioJson(readFixture("fio_trim.json"), "fio_trim.json");
    REQUIRE(results.jobs.size() == 1);
    CHECK(results.jobs[0].direction == "trim");
    CHECK(results.jobs[0].ios == 2683);
    CHECK(results.jobs[0].bandwidth_bytes == 87872607);
}

TEST_CASE("fio json: warning line before the document and a failed job", "[importers][fio]") {
    const FioResults results =
        parseFioJson(readFixture("fio_warning_error.json"), "fio_warning_error.json");
    REQUIRE(results.jobs.size() == 2);
    const FioJob& ok = findJob(results, "ok", "read");
    CHECK(ok.ios == 25743);
    CHECK(ok.error == 0);
    // The failed job did no IO; it stays visible with its error, in its planned direction.
    const FioJob& bad = findJob(results, "bad", "write");
    CHECK(bad.error == 21);
    CHECK(bad.ios == 0);
    CHECK(results.metadata.at("fio.global.iodepth") == "8");
    CHECK(results.metadata.at("fio.bad.filename") == "/tmp/imp/fx");
}

TEST_CASE("fio json: malformed documents name the line", "[importers][fio]") {
    CHECK_THROWS_WITH(parseFioJson(readFixture("bad/fio_truncated.json"), "t.json"),
                      Catch::StartsWith("t.json:396: malformed fio JSON"));
    CHECK_THROWS_WITH(parseFioJson(readFixture("bad/fio_bad_value.json"), "v.json"),
                      "v.json:320: fio JSON: jobs[1].write.iops is not a number");
    CHECK_THROWS_WITH(parseFioJson("warning only\n", "w.json"),
                      Catch::StartsWith("w.json:2: no fio JSON document"));
    CHECK_THROWS_WITH(parseFioJson("{\n\"jobs\" : []\n}\n", "n.json"),
                      Catch::Contains("fio version\" is missing") || Catch::Contains("is missing"));
    CHECK_THROWS_AS(parseFioJson("{\n  \"fio version\" : \"x\",\n  \"jobs\" : 3\n}", "j"),
                    InputError);
    // Found by fuzz_fio_json: a number beyond a double's range is an input error, not a crash.
    CHECK_THROWS_WITH(parseFioJson("{\n  \"fio version\" : \"fio-3.33\",\n  \"jobs\" : [\n"
                                   "    {\"x\" : 179524e3982}\n  ]\n}\n",
                                   "o.json"),
                      "o.json:4: malformed fio JSON: number overflow parsing '179524e3982'");
}

TEST_CASE("fio json: the importer fills the run record", "[importers][fio]") {
    const FioJsonImporter importer;
    const RunRecord record = iolab::test::importFixture(importer, "fio_jobs.json");
    CHECK(record.fio_jobs.size() == 4);
    CHECK(record.run.metadata.at("fio.version") == "fio-3.33");
    CHECK(record.profile.samples.empty());
}

// fio 2.1 (written from fio 2.1's stat.c fields, see tests/data/import/variants/README.md):
// io_bytes in KiB, bw in KiB/s, iops a whole number, slat/clat/lat in microseconds, no
// total_ios, no bw_bytes, no *_ns groups.
TEST_CASE("fio json: fio 2.1 units are converted and the absent fields named", "[importers][fio]") {
    const FioResults results =
        parseFioJson(readFixture("variants/fio_2_1.json"), "variants/fio_2_1.json");
    REQUIRE(results.jobs.size() == 1); // write and trim did no IO
    const FioJob& read = findJob(results, "randread", "read");
    // Independent of iops: io_bytes 409600 KiB / 4 KiB per IO.
    CHECK(read.ios == 409600 / 4);
    CHECK(read.bandwidth_bytes == 40960ULL * 1024);
    CHECK(read.runtime_ms == 10000);
    CHECK(read.clat.min_ns == 41000);
    CHECK(read.clat.max_ns == 12873000);
    CHECK(read.clat.mean_ns == Approx(93120));
    CHECK(read.slat.stddev_ns == Approx(820));
    CHECK(read.lat.mean_ns == Approx(97200));
    CHECK(percentile(read.clat, 99.0) == 195000);
    CHECK(results.metadata.at("fio.version") == "fio-2.1.11");
    CHECK(results.metadata.at("fio.absent_fields") ==
          "bw_bytes (bw KiB/s x 1024), slat_ns/clat_ns/lat_ns (slat/clat/lat us x 1000); "
          "total_ios (iops x runtime)");
}

// fio 2.20: total_ios present, bandwidth and latencies still in KiB/s and microseconds.
TEST_CASE("fio json: fio 2.20 keeps its total_ios and converts its units", "[importers][fio]") {
    const FioResults results =
        parseFioJson(readFixture("variants/fio_2_20.json"), "variants/fio_2_20.json");
    REQUIRE(results.jobs.size() == 2);
    const FioJob& read = findJob(results, "mixed", "read");
    const FioJob& write = findJob(results, "mixed", "write");
    // io_bytes in KiB / 4 KiB per IO agrees with total_ios.
    CHECK(read.ios == 143360 / 4);
    CHECK(write.ios == 61440 / 4);
    CHECK(write.bandwidth_bytes == 12288ULL * 1024);
    CHECK(write.clat.mean_ns == Approx(140250));
    CHECK(results.metadata.at("fio.absent_fields") ==
          "bw_bytes (bw KiB/s x 1024), slat_ns/clat_ns/lat_ns (slat/clat/lat us x 1000)");
    CHECK(results.metadata.at("fio.mixed.rw") == "randrw");
}

TEST_CASE("fio json: fio 3.33 has every field", "[importers][fio]") {
    const FioResults results = parseFioJson(readFixture("fio_jobs.json"), "fio_jobs.json");
    CHECK(results.metadata.count("fio.absent_fields") == 0);
}
