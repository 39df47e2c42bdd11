#include "analyzer/analysis/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace iolab {
namespace {

constexpr double kTiny = 1e-300;
constexpr double kEpsilon = 1e-15;
constexpr int kMaxIterations = 500;

// The continued fraction of I_x(a, b) (its modified Lentz evaluation); converges quickly for
// x < (a + 1) / (a + b + 2), which the caller arranges by symmetry.
double betaContinuedFraction(double a, double b, double x) {
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1.0);
    d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
    double result = d;
    for (int m = 1; m <= kMaxIterations; ++m) {
        const double dm = m;
        // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
        const double even = dm * (b - dm) * x / ((a + 2 * dm - 1) * (a + 2 * dm));
        d = 1.0 + even * d;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = 1.0 + even / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        result *= d * c;
        // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
        const double odd = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1));
        d = 1.0 + odd * d;
        d = 1.0 / (std::abs(d) < kTiny ? kTiny : d);
        c = 1.0 + odd / c;
        c = std::abs(c) < kTiny ? kTiny : c;
        const double step = d * c;
        result *= step;
        if (std::abs(step - 1.0) < kEpsilon) {
            return result;
        }
    }
    return result;
}

} // namespace

Moments describe(std::span<const double> values) {
    Moments moments;
    moments.n = values.size();
    if (values.empty()) {
        return moments;
    }
    moments.mean = std::accumulate(values.begin(), values.end(), 0.0) / values.size();
    if (values.size() < 2) {
        return moments;
    }
    double squares = 0;
    for (const double value : values) {
        squares += (value - moments.mean) * (value - moments.mean);
    }
    moments.stddev = std::sqrt(squares / static_cast<double>(values.size() - 1));
    return moments;
}

double regularizedIncompleteBeta(double a, double b, double x) {
    if (a <= 0 || b <= 0 || x < 0 || x > 1) {
        throw std::domain_error("regularizedIncompleteBeta: a, b > 0 and 0 <= x <= 1");
    }
    if (x == 0 || x == 1) {
        return x;
    }
    // x^a (1-x)^b / (a B(a, b)), in logarithms so large a and b do not overflow.
    const double logFront =
        std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
        return std::exp(logFront) * betaContinuedFraction(a, b, x) / a;
    }
    // I_x(a, b) = 1 - I_{1-x}(b, a), where the fraction converges.
    return 1.0 - std::exp(logFront) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

double studentTCdf(double t, double df) {
    if (df <= 0) {
        throw std::domain_error("studentTCdf: df must be positive");
    }
    if (std::isinf(t)) {
        return t > 0 ? 1.0 : 0.0;
    }
    // P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2) = 1 - I_{t^2 / (df + t^2)}(1 / 2, df / 2).
    // Near t = 0 the second form keeps the digits that 1 - df / (df + t^2) would lose.
    if (t * t < df) {
        const double inside = 0.5 * regularizedIncompleteBeta(0.5, df / 2, t * t / (df + t * t));
        return t > 0 ? 0.5 + inside : 0.5 - inside;
    }
    const double tail = 0.5 * regularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
    return t > 0 ? 1.0 - tail : tail;
}

double studentTQuantile(double p, double df) {
    if (p <= 0 || p >= 1) {
        throw std::domain_error("studentTQuantile: 0 < p < 1");
    }
    double low = -1.0;
    double high = 1.0;
    while (studentTCdf(low, df) > p) {
        low *= 2;
    }
    while (studentTCdf(high, df) < p) {
        high *= 2;
    }
    for (int i = 0; i < 200 && high - low > 1e-12 * std::max(1.0, std::abs(high)); ++i) {
        const double middle = (low + high) / 2;
        (studentTCdf(middle, df) < p ? low : high) = middle;
    }
    return (low + high) / 2;
}

std::optional<WelchTest> welchTest(const Moments& baseline, const Moments& candidate,
                                   double confidence) {
    if (baseline.n < 2 || candidate.n < 2) {
        return std::nullopt;
    }
    WelchTest test;
    test.difference = candidate.mean - baseline.mean;
    const double vb = baseline.stddev * baseline.stddev / static_cast<double>(baseline.n);
    const double vc = candidate.stddev * candidate.stddev / static_cast<double>(candidate.n);
    const double variance = vb + vc;
    if (variance == 0) {
        // Identical repetitions on both sides: the difference is exactly what was measured.
        test.df = static_cast<double>(baseline.n + candidate.n - 2);
        test.t = test.difference == 0
                     ? 0
                     : std::copysign(std::numeric_limits<double>::infinity(), test.difference);
        test.p_value = test.difference == 0 ? 1.0 : 0.0;
        test.ci_low = test.ci_high = test.difference;
        return test;
    }
    const double se = std::sqrt(variance);
    test.t = test.difference / se;
    test.df = variance * variance /
              (vb * vb / static_cast<double>(baseline.n - 1) +
               vc * vc / static_cast<double>(candidate.n - 1));
    test.p_value = std::min(1.0, 2.0 * studentTCdf(-std::abs(test.t), test.df));
    const double critical = studentTQuantile(0.5 + confidence / 2, test.df);
    test.ci_low = test.difference - critical * se;
    test.ci_high = test.difference + critical * se;
    return test;
}

std::vector<double> holmAdjust(std::span<const double> pValues) {
    const std::size_t m = pValues.size();
    std::vector<std::size_t> order(m);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
    std::vector<double> adjusted(m);
    double running = 0;
    for (std::size_t rank = 0; rank < m; ++rank) {
        const double scaled = static_cast<double>(m - rank) * pValues[order[rank]];
        running = std::max(running, std::min(1.0, scaled));
        adjusted[order[rank]] = running;
    }
    return adjusted;
}

double confidenceHalfWidth(const Moments& moments, double confidence) {
    if (moments.n < 2) {
        return 0;
    }
    const double df = static_cast<double>(moments.n - 1);
    const double t = studentTQuantile(0.5 + confidence / 2, df);
    return t * moments.stddev / std::sqrt(static_cast<double>(moments.n));
}

std::optional<LinearTrend> fitTrend(std::span<const double> values, double confidence) {
    const std::size_t n = values.size();
    if (n < 3) {
        return std::nullopt;
    }
    LinearTrend trend;
    trend.n = n;
    trend.mean = describe(values).mean;
    const double meanX = static_cast<double>(n - 1) / 2;
    double sxx = 0;
    double sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = static_cast<double>(i) - meanX;
        sxx += dx * dx;
        sxy += dx * (values[i] - trend.mean);
    }
    trend.slope = sxy / sxx;
    double residuals = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double fitted = trend.mean + trend.slope * (static_cast<double>(i) - meanX);
        residuals += (values[i] - fitted) * (values[i] - fitted);
    }
    const double df = static_cast<double>(n - 2);
    const double se = std::sqrt(residuals / df / sxx);
    if (se == 0) {
        trend.p_value = trend.slope == 0 ? 1.0 : 0.0;
        return trend;
    }
    trend.half_width = studentTQuantile(0.5 + confidence / 2, df) * se;
    trend.p_value = std::min(1.0, 2.0 * studentTCdf(-std::abs(trend.slope / se), df));
    return trend;
}

} // namespace iolab
