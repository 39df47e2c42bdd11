#include "analyzer/model/histogram_stats.h"

#include <catch2/catch.hpp>

using iolab::HistogramBucket;

TEST_CASE("histogram stats: percentiles interpolate inside the bucket", "[analysis]") {
    const std::vector<HistogramBucket> buckets{{0, 100, 50}, {100, 200, 50}};
    CHECK(iolab::totalCount(buckets) == 100);
    CHECK(iolab::percentile(buckets, 50) == Approx(100));
    CHECK(iolab::percentile(buckets, 25) == Approx(50));
    CHECK(iolab::percentile(buckets, 99) == Approx(198));
    CHECK(iolab::mean(buckets) == Approx(100));
}

TEST_CASE("histogram stats: empty buckets are skipped and empty histograms give 0", "[analysis]") {
    const std::vector<HistogramBucket> buckets{{0, 10, 0}, {10, 20, 4}, {20, 30, 0}};
    CHECK(iolab::percentile(buckets, 50) == Approx(15));
    CHECK(iolab::percentile({}, 50) == 0);
    CHECK(iolab::mean({}) == 0);
}
