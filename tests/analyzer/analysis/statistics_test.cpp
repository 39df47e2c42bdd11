#include "analyzer/analysis/statistics.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

using iolab::describe;
using iolab::studentTCdf;
using iolab::studentTQuantile;

TEST_CASE("statistics: describe gives n, mean and the n-1 standard deviation", "[statistics]") {
    const std::vector<double> values{100, 102, 98, 101, 99};
    const auto moments = describe(values);
    CHECK(moments.n == 5);
    CHECK(moments.mean == Approx(100));
    CHECK(moments.stddev == Approx(std::sqrt(2.5)));
    CHECK(describe(std::vector<double>{7}).stddev == 0);
    CHECK(describe(std::vector<double>{}).n == 0);
}

TEST_CASE("statistics: incomplete beta matches closed forms", "[statistics]") {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b; I_x(2, 2) = 3x^2 - 2x^3.
    CHECK(iolab::regularizedIncompleteBeta(1, 1, 0.3) == Approx(0.3).epsilon(1e-12));
    CHECK(iolab::regularizedIncompleteBeta(3, 1, 0.6) == Approx(0.216).epsilon(1e-12));
    CHECK(iolab::regularizedIncompleteBeta(1, 4, 0.2) ==
          Approx(1 - std::pow(0.8, 4)).epsilon(1e-12));
    CHECK(iolab::regularizedIncompleteBeta(2, 2, 0.75) ==
          Approx(3 * 0.5625 - 2 * 0.421875).epsilon(1e-12));
    CHECK(iolab::regularizedIncompleteBeta(2, 5, 0) == 0);
    CHECK(iolab::regularizedIncompleteBeta(2, 5, 1) == 1);
    CHECK_THROWS(iolab::regularizedIncompleteBeta(0, 1, 0.5));
}

TEST_CASE("statistics: Student t CDF matches closed forms and tables", "[statistics]") {
    // df = 1 is Cauchy: F(t) = 1/2 + atan(t)/pi. df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    for (const double t : {-3.0, -0.5, 0.0, 1.0, 4.2}) {
        CHECK(studentTCdf(t, 1) == Approx(0.5 + std::atan(t) / std::numbers::pi).epsilon(1e-10));
        CHECK(studentTCdf(t, 2) == Approx(0.5 + t / (2 * std::sqrt(2 + t * t))).epsilon(1e-10));
    }
    // Two-sided 95% critical values from the t table.
    CHECK(studentTCdf(2.5706, 5) == Approx(0.975).epsilon(1e-5));
    CHECK(studentTCdf(2.2281, 10) == Approx(0.975).epsilon(1e-5));
    CHECK(studentTCdf(2.0423, 30) == Approx(0.975).epsilon(1e-5));
    CHECK(studentTCdf(3.7469, 4) == Approx(0.99).epsilon(1e-5)); // one-sided 1%, df 4
}

TEST_CASE("statistics: t quantiles invert the CDF", "[statistics]") {
    CHECK(studentTQuantile(0.975, 1) == Approx(12.7062).epsilon(1e-4));
    CHECK(studentTQuantile(0.975, 5) == Approx(2.5706).epsilon(1e-4));
    CHECK(studentTQuantile(0.975, 10) == Approx(2.2281).epsilon(1e-4));
    CHECK(studentTQuantile(0.025, 10) == Approx(-2.2281).epsilon(1e-4));
    CHECK(studentTQuantile(0.5, 3) == Approx(0).margin(1e-9));
}

TEST_CASE("statistics: Welch test of a worked example", "[statistics]") {
    // Baseline 100, 102, 98, 101, 99: mean 100, squares 0+4+4+1+1 = 10, variance 2.5.
    // Candidate 88, 96, 92, 90, 94: mean 92, squares 16+16+0+4+4 = 40, variance 10.
    // Variances of the means: 2.5/5 = 0.5 and 10/5 = 2; se = sqrt(2.5) = 1.581139.
    // t = (92 - 100) / 1.581139 = -5.059644.
    // df = 2.5^2 / (0.5^2/4 + 2^2/4) = 6.25 / 1.0625 = 5.882353.
    // Two-sided p = 2 P(T > 5.059644 | df 5.882353) = 0.0024490, by numeric integration of the
    // t density (substitution x = t + u/(1-u), midpoint rule, 200,000 steps).
    // 95% interval: t(0.975, 5.882) lies between the table's 2.5706 (df 5) and 2.4469 (df 6).
    const std::vector<double> base{100, 102, 98, 101, 99};
    const std::vector<double> cand{88, 96, 92, 90, 94};
    const auto test = iolab::welchTest(describe(base), describe(cand));
    REQUIRE(test);
    CHECK(test->difference == Approx(-8));
    CHECK(test->t == Approx(-5.059644).epsilon(1e-6));
    CHECK(test->df == Approx(5.882353).epsilon(1e-6));
    CHECK(test->p_value == Approx(0.0024490).epsilon(1e-4));
    const double critical = (test->ci_high - test->ci_low) / 2 / std::sqrt(2.5);
    CHECK(critical > 2.4469);
    CHECK(critical < 2.5706);
    CHECK((test->ci_low + test->ci_high) / 2 == Approx(-8));
}

TEST_CASE("statistics: Welch needs two runs a side and handles zero spread", "[statistics]") {
    CHECK_FALSE(iolab::welchTest({1, 5, 0}, {3, 5, 1}));
    const auto same = iolab::welchTest({3, 5, 0}, {3, 5, 0});
    REQUIRE(same);
    CHECK(same->p_value == 1);
    const auto shifted = iolab::welchTest({3, 5, 0}, {3, 6, 0});
    REQUIRE(shifted);
    CHECK(shifted->p_value == 0);
    CHECK(shifted->ci_low == 1);
}

TEST_CASE("statistics: Holm adjusts the smallest p most and stays monotone", "[statistics]") {
    // m = 4, sorted p: 0.01, 0.02, 0.03, 0.5 -> 0.04, 0.06, max(0.06, 0.06), max(0.5)
    const std::vector<double> p{0.03, 0.01, 0.5, 0.02};
    const auto adjusted = iolab::holmAdjust(p);
    CHECK(adjusted[1] == Approx(0.04));
    CHECK(adjusted[3] == Approx(0.06));
    CHECK(adjusted[0] == Approx(0.06));
    CHECK(adjusted[2] == Approx(0.5));
    CHECK(iolab::holmAdjust(std::vector<double>{0.9, 0.8}) == std::vector<double>{1.0, 1.0});
}

TEST_CASE("statistics: a linear trend and its interval, by hand", "[statistics]") {
    // 10 + 2i with residuals +1 -1 -1 +1 (orthogonal to i and to 1): slope exactly 2; residual
    // sum of squares 4 on 2 degrees of freedom, Sxx 5, so se = sqrt(4 / 2 / 5); t(0.975, 2) =
    // 4.302653; p = 1 - t / sqrt(t^2 + 2) for 2 degrees of freedom.
    const std::vector<double> four{11, 11, 13, 17};
    const auto trend = iolab::fitTrend(four);
    REQUIRE(trend);
    CHECK(trend->n == 4);
    CHECK(trend->mean == Approx(13));
    CHECK(trend->slope == Approx(2));
    const double se = std::sqrt(0.4);
    CHECK(trend->half_width == Approx(4.302653 * se).epsilon(1e-5));
    const double t = 2 / se;
    CHECK(trend->p_value == Approx(1 - t / std::sqrt(t * t + 2)).epsilon(1e-6));
    CHECK_FALSE(iolab::fitTrend(std::vector<double>{1, 2}));
    const auto exact = iolab::fitTrend(std::vector<double>{5, 7, 9});
    CHECK(exact->slope == Approx(2));
    CHECK(exact->half_width == 0);
    CHECK(exact->p_value == 0);
}

TEST_CASE("statistics: a trend under noise is found, noise alone is not", "[statistics]") {
    // 100 - 3i with residuals +1 -1 -1 +1 +1 -1 -1 +1: slope -3, residual sum of squares 8 on 6
    // degrees of freedom, Sxx 42; t(0.975, 6) = 2.446912.
    const std::vector<double> falling{101, 96, 93, 92, 89, 84, 81, 80};
    const auto trend = iolab::fitTrend(falling);
    CHECK(trend->slope == Approx(-3));
    CHECK(trend->half_width == Approx(2.446912 * std::sqrt(8.0 / 6 / 42)).epsilon(1e-5));
    CHECK(trend->p_value < 1e-5);
    // 100 plus noise of spread ~3: slope -12/42, far inside its interval.
    const std::vector<double> noise{102, 97, 101, 104, 98, 99, 103, 96};
    const auto flat = iolab::fitTrend(noise);
    CHECK(flat->slope == Approx(-12.0 / 42));
    CHECK(std::abs(flat->slope) < flat->half_width);
    CHECK(flat->p_value > 0.5);
}
