#include "analyzer/analysis/change_points.h"

#include <catch2/catch.hpp>
#include <random>
#include <vector>

using iolab::ChangePoint;
using iolab::findChangePoints;

namespace {

// IOPS of `runs` runs around `level`, each off by up to ±5% (uniform), from `seed`; from
// `stepAt` on the level is `level * stepFactor`.
std::vector<double> history(std::size_t runs, std::uint64_t seed, std::size_t stepAt,
                            double stepFactor, double level = 100'000) {
    std::mt19937_64 generator(seed);
    std::uniform_real_distribution<double> noise(-0.05, 0.05);
    std::vector<double> values;
    for (std::size_t i = 0; i < runs; ++i) {
        values.push_back(level * (i >= stepAt ? stepFactor : 1.0) * (1.0 + noise(generator)));
    }
    return values;
}

} // namespace

TEST_CASE("Change points: an 8% step in 200 noisy runs is found at its run", "[analysis]") {
    const std::size_t stepAt = 123;
    const auto values = history(200, 42, stepAt, 0.92);
    const auto found = findChangePoints(values);
    REQUIRE(found.size() == 1);
    CHECK(found[0].index == stepAt);
    CHECK(found[0].p_value <= 0.01);
    CHECK(found[0].relativeChange() == Approx(-0.08).margin(0.01));
    CHECK(found[0].mean_before == Approx(100'000).epsilon(0.01));
}

TEST_CASE("Change points: steps up and down at several places, each found", "[analysis]") {
    for (const std::size_t stepAt : {20, 77, 150, 185}) {
        for (const double factor : {0.92, 1.08}) {
            const auto found = findChangePoints(history(200, stepAt * 7 + 1, stepAt, factor));
            INFO("step at " << stepAt << " by " << factor);
            REQUIRE(found.size() == 1);
            CHECK(found[0].index == Approx(stepAt).margin(1));
            CHECK(found[0].relativeChange() == Approx(factor - 1).margin(0.015));
        }
    }
}

TEST_CASE("Change points: 20 histories without a step give at most one false alarm", "[analysis]") {
    std::size_t falseAlarms = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        falseAlarms += findChangePoints(history(200, seed, 200, 1.0)).size();
    }
    CHECK(falseAlarms <= 1);
}

TEST_CASE("Change points: two steps are both found, with the segments' means", "[analysis]") {
    auto values = history(150, 3, 50, 0.90);
    for (std::size_t i = 100; i < values.size(); ++i) {
        values[i] *= 1.0 / 0.90; // back up at run 100
    }
    const auto found = findChangePoints(values);
    REQUIRE(found.size() == 2);
    CHECK(found[0].index == 50);
    CHECK(found[1].index == 100);
    CHECK(found[0].mean_after == found[1].mean_before);
    CHECK(found[1].relativeChange() > 0.08);
}

TEST_CASE("Change points: the same series gives the same answer (the seed is the only chance)",
          "[analysis]") {
    const auto values = history(120, 9, 60, 0.95);
    CHECK(findChangePoints(values) == findChangePoints(values));
}

TEST_CASE("Change points: constant, short and empty series have none", "[analysis]") {
    CHECK(findChangePoints(std::vector<double>(50, 7.0)).empty());
    CHECK(findChangePoints(std::vector<double>{1, 1, 1, 9, 9}).empty()); // too short to split
    CHECK(findChangePoints(std::vector<double>{}).empty());
}

TEST_CASE("Change points: fewer permutations cannot reach a smaller p-value", "[analysis]") {
    iolab::ChangePointOptions options;
    options.permutations = 49; // p is at least 1/50
    CHECK(findChangePoints(history(200, 42, 100, 0.80), options).empty());
    options.significance = 0.05;
    const auto found = findChangePoints(history(200, 42, 100, 0.80), options);
    REQUIRE(found.size() == 1);
    CHECK(found[0].p_value == Approx(1.0 / 50));
}
