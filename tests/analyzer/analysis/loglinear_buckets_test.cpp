#include "analyzer/analysis/loglinear_buckets.h"
#include "analyzer/model/histogram_stats.h"
#include "bpf/loglinear.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace {

std::vector<std::uint64_t> bucketed(const std::vector<std::uint64_t>& values) {
    std::vector<std::uint64_t> counts(LOGLIN_BUCKETS, 0);
    for (const std::uint64_t v : values) {
        counts[loglin_index(v)]++;
    }
    return counts;
}

double exactPercentile(std::vector<std::uint64_t> values, double percent) {
    std::ranges::sort(values);
    const auto rank = static_cast<std::size_t>(std::ceil(percent / 100.0 * values.size())) - 1;
    return static_cast<double>(values[std::min(rank, values.size() - 1)]);
}

} // namespace

TEST_CASE("loglinear: buckets are contiguous and increasing", "[loglinear]") {
    CHECK(loglin_lower(0) == 0);
    for (std::uint32_t i = 0; i + 1 < LOGLIN_BUCKETS; ++i) {
        INFO("bucket " << i);
        REQUIRE(loglin_lower(i) < loglin_upper(i));
        REQUIRE(loglin_upper(i) == loglin_lower(i + 1));
    }
    CHECK(loglin_upper(LOGLIN_BUCKETS - 1) == (1ULL << LOGLIN_MAX_BITS));
}

TEST_CASE("loglinear: a value's index is the bucket holding it", "[loglinear]") {
    std::vector<std::uint64_t> values;
    for (std::uint32_t p = 0; p < LOGLIN_MAX_BITS; ++p) {
        const std::uint64_t power = 1ULL << p;
        values.insert(values.end(), {power - 1, power, power + 1, power + power / 3});
    }
    std::mt19937_64 random(42);
    for (int i = 0; i < 100000; ++i) {
        values.push_back(random() >> (random() % 64 + 24));
    }
    for (const std::uint64_t v : values) {
        if (v >= (1ULL << LOGLIN_MAX_BITS)) {
            continue;
        }
        const std::uint32_t index = loglin_index(v);
        INFO("value " << v << " index " << index);
        REQUIRE(index < LOGLIN_BUCKETS);
        REQUIRE(loglin_lower(index) <= v);
        REQUIRE(v < loglin_upper(index));
    }
}

TEST_CASE("loglinear: bucket width is at most 1/16 of its lower bound", "[loglinear]") {
    for (std::uint32_t i = LOGLIN_SUB; i < LOGLIN_BUCKETS; ++i) {
        const double width = static_cast<double>(loglin_upper(i) - loglin_lower(i));
        REQUIRE(width / static_cast<double>(loglin_lower(i)) <= 1.0 / LOGLIN_SUB + 1e-12);
    }
}

TEST_CASE("loglinear: values past the range saturate into the last bucket", "[loglinear]") {
    CHECK(loglin_index(1ULL << LOGLIN_MAX_BITS) == LOGLIN_BUCKETS - 1);
    CHECK(loglin_index(UINT64_MAX) == LOGLIN_BUCKETS - 1);
}

TEST_CASE("loglinear: percentiles are within 3% of the exact ones", "[loglinear]") {
    // Latency-like: log-normal around 50 us with a long tail, plus a far mode at 2 ms.
    std::mt19937_64 random(7);
    std::lognormal_distribution<double> body(std::log(50000.0), 0.6);
    std::lognormal_distribution<double> tail(std::log(2000000.0), 0.3);
    std::vector<std::uint64_t> values;
    for (int i = 0; i < 200000; ++i) {
        values.push_back(static_cast<std::uint64_t>(i % 50 == 0 ? tail(random) : body(random)));
    }
    const auto buckets = iolab::loglinearBuckets(bucketed(values));
    REQUIRE(iolab::totalCount(buckets) == values.size());
    for (const double p : {1.0, 10.0, 50.0, 90.0, 97.0, 99.0, 99.9}) {
        const double exact = exactPercentile(values, p);
        const double estimated = iolab::percentile(buckets, p);
        INFO("p" << p << " exact " << exact << " estimated " << estimated);
        CHECK(std::abs(estimated - exact) / exact < 0.03);
    }
}

TEST_CASE("loglinear: only non-empty buckets are kept, with their bounds", "[loglinear]") {
    const auto buckets = iolab::loglinearBuckets(bucketed({3, 3, 100, 4096}));
    REQUIRE(buckets.size() == 3);
    CHECK(buckets[0] == iolab::HistogramBucket{3, 4, 2});
    CHECK(buckets[1] == iolab::HistogramBucket{100, 104, 1});
    CHECK(buckets[2] == iolab::HistogramBucket{4096, 4352, 1});
}
