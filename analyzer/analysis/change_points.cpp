#include "analyzer/analysis/change_points.h"

#include <algorithm>
#include <numeric>
#include <optional>

namespace iolab {
namespace {

// One point of a segment: its value and its rank among the segment's values (ties broken by
// position; equal values are 0 apart whatever their ranks).
struct Point {
    double value = 0;
    std::uint32_t rank = 0;
};

// Counts and sums of the values inserted so far, by rank (a Fenwick tree): the sum of
// |v - x| over the inserted x in O(log n).
class RankTree {
public:
    explicit RankTree(std::size_t size)
        : m_nodes(size + 1) {}

    void clear() {
        std::fill(m_nodes.begin(), m_nodes.end(), Node{});
        m_total = Node{};
    }

    // Sum of |p.value - x| over the inserted x, then inserts p.
    double distanceThenInsert(const Point& p) {
        Node below;
        for (std::size_t i = p.rank; i > 0; i &= i - 1) {
            below.count += m_nodes[i].count;
            below.sum += m_nodes[i].sum;
        }
        const double countBelow = below.count;
        const double countAbove = m_total.count - below.count;
        const double distance =
            p.value * countBelow - below.sum + (m_total.sum - below.sum) - p.value * countAbove;
        for (std::size_t i = p.rank + 1; i < m_nodes.size(); i += i & (~i + 1)) {
            m_nodes[i].count += 1;
            m_nodes[i].sum += p.value;
        }
        m_total.count += 1;
        m_total.sum += p.value;
        return distance;
    }

private:
    // Counts kept as doubles: they are exact far beyond any history's length, and the
    // distance needs them as doubles anyway.
    struct Node {
        double count = 0;
        double sum = 0;
    };
    std::vector<Node> m_nodes;
    Node m_total;
};

struct Split {
    std::size_t at = 0; // offset in the segment
    double q = 0;       // the scaled energy statistic Q
};

// The split of `points` that maximises Q(τ) = m n / (m + n) · (2/(mn) Σ|x−y| − Σ|x−x'|/C(m,2)
// − Σ|y−y'|/C(n,2)), from within-segment sums built incrementally from both ends.
std::optional<Split> bestSplit(std::span<const Point> points, std::size_t minSegment,
                               RankTree& tree, std::vector<double>& leftWithin) {
    const std::size_t size = points.size();
    minSegment = std::max<std::size_t>(minSegment, 2); // C(m, 2) needs m >= 2
    if (size < 2 * minSegment) {
        return std::nullopt;
    }
    leftWithin.assign(size + 1, 0.0);
    tree.clear();
    for (std::size_t i = 0; i < size; ++i) {
        leftWithin[i + 1] = leftWithin[i] + tree.distanceThenInsert(points[i]);
    }
    const double total = leftWithin[size];
    tree.clear();
    double rightWithin = 0;
    std::optional<Split> best;
    for (std::size_t tau = size - 1; tau >= minSegment; --tau) {
        rightWithin += tree.distanceThenInsert(points[tau]);
        const double m = static_cast<double>(tau);
        const double n = static_cast<double>(size - tau);
        if (size - tau < minSegment) {
            continue;
        }
        const double between = total - leftWithin[tau] - rightWithin;
        const double energy = 2 * between / (m * n) - leftWithin[tau] / (m * (m - 1) / 2) -
                              rightWithin / (n * (n - 1) / 2);
        const double q = m * n / (m + n) * energy;
        if (!best || q >= best->q) {
            best = Split{tau, q};
        }
    }
    return best;
}

// splitmix64: a small generator of iolab's own, so the permutations (and the p-values) are the
// same with every standard library.
class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e37'79b9'7f4a'7c15);
        z = (z ^ (z >> 30)) * 0xbf58'476d'1ce4'e5b9;
        z = (z ^ (z >> 27)) * 0x94d0'49bb'1331'11eb;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound), by rejection.
    std::size_t below(std::size_t bound) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
        std::uint64_t draw = next();
        while (draw >= limit) {
            draw = next();
        }
        return static_cast<std::size_t>(draw % bound);
    }

private:
    std::uint64_t m_state;
};

void shuffle(std::span<Point> points, Random& random) {
    for (std::size_t i = points.size(); i > 1; --i) {
        std::swap(points[i - 1], points[random.below(i)]);
    }
}

// The current segmentation: boundaries[0] = 0 < … < boundaries.back() = size.
class Segmentation {
public:
    Segmentation(std::span<const double> values, const ChangePointOptions& options)
        : m_options(options)
        , m_tree(values.size())
        , m_boundaries{0, values.size()} {
        m_points.reserve(values.size());
        for (const double value : values) {
            m_points.push_back({value, 0});
        }
        rankSegment(0, values.size());
    }

    // The best split over all segments (its position in the whole series), if any.
    std::optional<Split> best(std::span<Point> points) {
        std::optional<Split> best;
        for (std::size_t s = 0; s + 1 < m_boundaries.size(); ++s) {
            const std::size_t begin = m_boundaries[s];
            const auto split = bestSplit(points.subspan(begin, m_boundaries[s + 1] - begin),
                                         m_options.min_segment, m_tree, m_scratch);
            if (split && (!best || split->q > best->q)) {
                best = Split{begin + split->at, split->q};
            }
        }
        return best;
    }

    std::optional<Split> best() { return best(m_points); }

    // The permutation p-value of a best split with statistic `q`: each permutation shuffles
    // every segment on its own. Stops once the p-value cannot reach the significance level.
    double pValue(double q, Random& random) {
        const int permutations = m_options.permutations;
        const double allowed = m_options.significance * (permutations + 1) - 1;
        std::vector<Point> shuffled = m_points;
        int asLarge = 0;
        int done = 0;
        while (done < permutations && asLarge <= allowed) {
            for (std::size_t s = 0; s + 1 < m_boundaries.size(); ++s) {
                shuffle(std::span(shuffled).subspan(m_boundaries[s],
                                                    m_boundaries[s + 1] - m_boundaries[s]),
                        random);
            }
            const auto split = best(shuffled);
            asLarge += split && split->q >= q ? 1 : 0;
            ++done;
        }
        // Stopped early: the p-value is at least this, already above the significance level.
        return static_cast<double>(asLarge + 1) / (done + 1);
    }

    void splitAt(std::size_t at) {
        const auto next = std::upper_bound(m_boundaries.begin(), m_boundaries.end(), at);
        const std::size_t begin = *(next - 1);
        const std::size_t end = *next;
        m_boundaries.insert(next, at);
        rankSegment(begin, at);
        rankSegment(at, end);
    }

private:
    void rankSegment(std::size_t begin, std::size_t end) {
        std::vector<std::size_t> order(end - begin);
        std::iota(order.begin(), order.end(), begin);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return m_points[a].value < m_points[b].value;
        });
        for (std::size_t r = 0; r < order.size(); ++r) {
            m_points[order[r]].rank = static_cast<std::uint32_t>(r);
        }
    }

    const ChangePointOptions& m_options;
    std::vector<Point> m_points;
    RankTree m_tree;
    std::vector<double> m_scratch;
    std::vector<std::size_t> m_boundaries;
};

double mean(std::span<const double> values) {
    return values.empty() ? 0.0
                          : std::accumulate(values.begin(), values.end(), 0.0) /
                                static_cast<double>(values.size());
}

} // namespace

double ChangePoint::relativeChange() const {
    return mean_before == 0 ? 0.0 : (mean_after - mean_before) / mean_before;
}

std::vector<ChangePoint> findChangePoints(std::span<const double> values,
                                          const ChangePointOptions& options) {
    Segmentation segmentation(values, options);
    Random random(options.seed);
    std::vector<ChangePoint> found;
    while (const auto split = segmentation.best()) {
        const double p = segmentation.pValue(split->q, random);
        if (p > options.significance) {
            break;
        }
        found.push_back({split->at, p, 0, 0});
        segmentation.splitAt(split->at);
    }
    std::sort(found.begin(), found.end(),
              [](const ChangePoint& a, const ChangePoint& b) { return a.index < b.index; });
    for (std::size_t i = 0; i < found.size(); ++i) {
        const std::size_t begin = i == 0 ? 0 : found[i - 1].index;
        const std::size_t end = i + 1 == found.size() ? values.size() : found[i + 1].index;
        found[i].mean_before = mean(values.subspan(begin, found[i].index - begin));
        found[i].mean_after = mean(values.subspan(found[i].index, end - found[i].index));
    }
    return found;
}

} // namespace iolab
