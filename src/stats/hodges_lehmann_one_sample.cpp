#include "stats/hodges_lehmann_one_sample.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include <boost/math/distributions/normal.hpp>

#include "stats/wilcoxon.hpp"

namespace caws::stats {
namespace {

// The two-sample interval's limit: exact up to 50 values.
constexpr std::size_t k_exact_limit_one_sample = 50;

// Up to this many values all Walsh averages (2,080 for 64) are stored and selected with
// nth_element; beyond, counting them is faster (n = 200: about 3x, n = 1000: about 10x)
// and needs no quadratic memory.
constexpr std::size_t k_enumerate_limit = 64;

std::size_t walsh_count(std::size_t n) {
    return n * (n + 1) / 2;
}

// The number of Walsh averages at most v, for sorted values, in O(n): for row i the
// partners j >= i with (s_i + s_j) / 2 <= v form a prefix, and its end can only move left
// as i grows, because rounded addition and halving are monotone.
std::size_t count_walsh_at_most(std::span<const double> sorted, double v) {
    std::size_t count = 0;
    std::size_t end = sorted.size();
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        while (end > i && (sorted[i] + sorted[end - 1]) / 2 > v) --end;
        if (end <= i) break;
        count += end - i;
    }
    return count;
}

// Finite doubles mapped to unsigned integers in the same order, so that a bisection over
// the integers visits every double between two bounds and ends on one exactly.
constexpr std::uint64_t k_sign_bit = 0x8000000000000000ULL;

std::uint64_t order_key(double x) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    return (bits & k_sign_bit) != 0 ? ~bits : bits | k_sign_bit;
}

double from_order_key(std::uint64_t key) {
    return std::bit_cast<double>((key & k_sign_bit) != 0 ? key & ~k_sign_bit : ~key);
}

// The Walsh averages at the 1-based ranks `ranks` (non-decreasing), for sorted values.
std::vector<double> walsh_order_statistics(std::span<const double> sorted,
                                           std::span<const std::size_t> ranks) {
    std::vector<double> result(ranks.size());
    if (sorted.size() > k_enumerate_limit) {
        for (std::size_t i = 0; i < ranks.size(); ++i) {
            result[i] = i > 0 && ranks[i] == ranks[i - 1] ? result[i - 1]
                                                          : kth_walsh_average(sorted, ranks[i]);
        }
        return result;
    }
    std::vector<double> averages;
    averages.reserve(walsh_count(sorted.size()));
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        for (std::size_t j = i; j < sorted.size(); ++j) {
            averages.push_back((sorted[i] + sorted[j]) / 2);
        }
    }
    // Each selection leaves the larger averages after it: the next rank looks only there.
    auto unsorted_from = averages.begin();
    for (std::size_t i = 0; i < ranks.size(); ++i) {
        const auto at = averages.begin() + static_cast<std::ptrdiff_t>(ranks[i] - 1);
        if (at >= unsorted_from) {
            std::nth_element(unsorted_from, at, averages.end());
            unsorted_from = at + 1;
        }
        result[i] = *at;
    }
    return result;
}

// Sum of t^3 - t over the groups of equal |d|.
double absolute_tie_term(std::span<const double> d) {
    std::vector<double> magnitude(d.size());
    std::transform(d.begin(), d.end(), magnitude.begin(), [](double v) { return std::fabs(v); });
    std::sort(magnitude.begin(), magnitude.end());
    double term = 0;
    for (auto group = magnitude.begin(); group != magnitude.end();) {
        const auto next = std::upper_bound(group, magnitude.end(), *group);
        const auto t = static_cast<double>(next - group);
        term += t * t * t - t;
        group = next;
    }
    return term;
}

// The rank k of the interval's ends from the normal approximation of W+ with ties, and the
// confidence it achieves (with continuity correction, as the two-sample interval).
IntervalRank normal_rank(std::size_t n, double tie_term, double confidence) {
    IntervalRank rank;
    const auto nd = static_cast<double>(n);
    const double m = static_cast<double>(walsh_count(n));
    const double sigma = std::sqrt(nd * (nd + 1) * (2 * nd + 1) / 24 - tie_term / 48);
    const double z =
        boost::math::quantile(boost::math::normal_distribution<double>(), 1 - (1 - confidence) / 2);
    const double position = std::floor(m / 2 - z * sigma + 0.5);
    if (!(position >= 1)) return rank;
    rank.k = std::min(static_cast<std::size_t>(position), walsh_count(n) / 2);
    const double below = (static_cast<double>(rank.k) - 0.5 - m / 2) / sigma;
    rank.confidence = 1 - std::erfc(-below / std::sqrt(2.0));
    return rank;
}

}  // namespace

double kth_walsh_average(std::span<const double> sorted, std::size_t k) {
    // Every average lies between the smallest and the largest value, which are averages
    // themselves; bisect for the smallest double with at least k averages at or below it.
    std::uint64_t low = order_key(sorted.front());
    std::uint64_t high = order_key(sorted.back());
    while (low < high) {
        const std::uint64_t middle = low + (high - low) / 2;
        if (count_walsh_at_most(sorted, from_order_key(middle)) >= k) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    // -0.0 precedes +0.0 in the key order; report zero as +0.0.
    return from_order_key(low) + 0.0;
}

IntervalRank signed_rank_exact_rank(std::size_t n, double confidence) {
    IntervalRank rank;
    const double tail = (1 - confidence) / 2;
    const std::size_t m = walsh_count(n);
    // P(W+ <= c) grows with c; the interval needs k <= M/2.
    for (std::size_t c = 0; 2 * (c + 1) <= m; ++c) {
        const double below = wilcoxon_exact_cdf(n, static_cast<double>(c));
        if (below > tail) break;
        rank.k = c + 1;
        rank.confidence = 1 - 2 * below;
    }
    return rank;
}

LocationEstimate hodges_lehmann_one_sample(std::span<const double> d, double confidence) {
    LocationEstimate result;
    const std::size_t n = d.size();
    if (n == 0) return result;
    std::vector<double> sorted(d.begin(), d.end());
    std::sort(sorted.begin(), sorted.end());

    const double tie_term = absolute_tie_term(d);
    IntervalRank rank;
    if (tie_term == 0 && n <= k_exact_limit_one_sample) {
        rank = signed_rank_exact_rank(n, confidence);
        result.exact = true;
    } else {
        rank = normal_rank(n, tie_term, confidence);
    }

    const std::size_t m = walsh_count(n);
    std::vector<std::size_t> ranks;
    if (rank.k >= 1) ranks.push_back(rank.k);
    ranks.push_back((m + 1) / 2);
    ranks.push_back(m / 2 + 1);
    if (rank.k >= 1) ranks.push_back(m + 1 - rank.k);
    const std::vector<double> values = walsh_order_statistics(sorted, ranks);
    const std::size_t middle = rank.k >= 1 ? 1 : 0;
    const double lower_middle = values[middle];
    const double upper_middle = values[middle + 1];
    result.estimate = lower_middle + (upper_middle - lower_middle) / 2;
    if (rank.k >= 1) {
        result.interval = Interval{values.front(), values.back()};
        result.confidence = rank.confidence;
    }
    return result;
}

}  // namespace caws::stats
