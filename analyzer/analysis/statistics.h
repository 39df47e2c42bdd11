#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace iolab {

// n, mean and sample standard deviation (n - 1 in the denominator; 0 when n < 2).
struct Moments {
    std::size_t n = 0;
    double mean = 0;
    double stddev = 0;

    bool operator==(const Moments&) const = default;
};

Moments describe(std::span<const double> values);

// Welch's unequal-variances t-test of candidate - baseline.
struct WelchTest {
    double difference = 0; // candidate mean - baseline mean
    double t = 0;
    double df = 0;      // Welch–Satterthwaite degrees of freedom
    double p_value = 1; // two-sided
    double ci_low = 0;  // confidence interval of the difference
    double ci_high = 0;

    bool operator==(const WelchTest&) const = default;
};

// Needs n >= 2 on both sides (nullopt otherwise). With no spread on either side the
// difference is exact: p is 0 when the means differ and 1 when they are equal.
std::optional<WelchTest> welchTest(const Moments& baseline, const Moments& candidate,
                                   double confidence = 0.95);

// I_x(a, b), the regularised incomplete beta function, by Lentz's continued fraction.
double regularizedIncompleteBeta(double a, double b, double x);
// P(T <= t) for Student's t with `df` (> 0, not necessarily whole) degrees of freedom.
double studentTCdf(double t, double df);
// The t with P(T <= t) = p, 0 < p < 1, by bisection on studentTCdf.
double studentTQuantile(double p, double df);

// Half-width of the `confidence` interval of the mean the moments describe (Student's t); 0 for
// fewer than two values.
double confidenceHalfWidth(const Moments& moments, double confidence = 0.95);

// The least-squares line through values[i] at x = i (0, 1, 2, ...): its slope per step with the
// `confidence` interval of the slope (Student's t, n - 2 degrees of freedom) and the two-sided p
// of slope = 0. Needs n >= 3 (nullopt otherwise). Points exactly on a line: the slope is exact.
struct LinearTrend {
    std::size_t n = 0;
    double mean = 0; // of the values
    double slope = 0;
    double half_width = 0;
    double p_value = 1;
};
std::optional<LinearTrend> fitTrend(std::span<const double> values, double confidence = 0.95);

// Holm–Bonferroni adjusted p-values (same order as the input): the family-wise error rate
// stays at alpha when every adjusted p is compared with alpha.
std::vector<double> holmAdjust(std::span<const double> pValues);

} // namespace iolab
