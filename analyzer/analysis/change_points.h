#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace iolab {

// E-divisive means (Matteson & James 2014, alpha = 1) with a permutation test; see docs/ci.md.
struct ChangePointOptions {
    // A split is kept when its permutation p-value is at most this.
    double significance = 0.01;
    // Permutations per test; p-values are multiples of 1 / (permutations + 1).
    int permutations = 199;
    // Fewest points on either side of a split (2 is the least the statistic allows).
    std::size_t min_segment = 3;
    // Seeds the permutations, so the same series always gives the same change points.
    std::uint64_t seed = 0x10ab'c4a9'e5ee'd001;
};

struct ChangePoint {
    std::size_t index = 0; // the first point of the new segment
    double p_value = 1;
    double mean_before = 0; // of the segment that ends at `index` (the final segmentation)
    double mean_after = 0;  // of the segment that starts at `index`

    // (mean_after - mean_before) / mean_before; 0 when mean_before is 0.
    double relativeChange() const;

    bool operator==(const ChangePoint&) const = default;
};

// The change points of `values` (in order), ascending by index. Deterministic for given options.
std::vector<ChangePoint> findChangePoints(std::span<const double> values,
                                          const ChangePointOptions& options = {});

} // namespace iolab
