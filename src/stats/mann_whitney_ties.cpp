#include "stats/mann_whitney_ties.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace caws::stats {
namespace {

double binomial(std::size_t n, std::size_t k) {
    double result = 1;
    for (std::size_t i = 1; i <= k; ++i) {
        result = result * static_cast<double>(n - k + i) / static_cast<double>(i);
    }
    return std::round(result);
}

}  // namespace

double mann_whitney_tie_cdf(std::span<const std::size_t> tie_sizes, std::size_t n1, double u) {
    std::size_t total = 0;
    for (const std::size_t t : tie_sizes) total += t;
    if (n1 > total) return 0;
    // Work with twice the rank sum of the first sample, an integer even with midranks: a
    // group of t values starting after `before` others has twice-midrank 2 before + t + 1.
    // counts[k][s]: number of ways to place k values of the first sample among the groups
    // seen so far with twice-rank-sum s. Updating in place with k descending reads each
    // old count before anything is added to it.
    const std::size_t max_sum = 2 * n1 * total;
    const std::size_t width = max_sum + 1;
    std::vector<double> counts((n1 + 1) * width, 0.0);
    counts[0] = 1;
    std::size_t before = 0;
    std::size_t reachable = 0;  // highest twice-rank-sum reachable so far
    for (const std::size_t t : tie_sizes) {
        const std::size_t twice_midrank = 2 * before + t + 1;
        std::vector<double> choose(t + 1);
        for (std::size_t r = 0; r <= t; ++r) choose[r] = binomial(t, r);
        const std::size_t k_high = std::min(n1, before);
        for (std::size_t k = k_high + 1; k-- > 0;) {
            const double* from = &counts[k * width];
            const std::size_t r_high = std::min(t, n1 - k);
            for (std::size_t r = r_high; r >= 1; --r) {
                double* to = &counts[(k + r) * width];
                const std::size_t shift = r * twice_midrank;
                const double ways = choose[r];
                for (std::size_t s = 0; s <= reachable && s + shift <= max_sum; ++s) {
                    if (from[s] != 0) to[s + shift] += from[s] * ways;
                }
            }
        }
        before += t;
        reachable = std::min(max_sum, reachable + t * twice_midrank);
    }
    // U = R - n1 (n1 + 1) / 2, so U <= u  <=>  2R <= 2u + n1 (n1 + 1).
    const double limit = 2 * u + static_cast<double>(n1 * (n1 + 1));
    const double* last = &counts[n1 * width];
    double below = 0;
    double all = 0;
    for (std::size_t s = 0; s <= max_sum; ++s) {
        all += last[s];
        if (static_cast<double>(s) <= limit + 1e-9) below += last[s];
    }
    return all > 0 ? below / all : 0.0;
}

MannWhitneyResult mann_whitney_tie_exact(std::span<const double> x, std::span<const double> y,
                                         const TieExactLimits& limits) {
    const std::size_t n1 = x.size();
    const std::size_t n2 = y.size();
    MannWhitneyResult result;
    if (n1 == 0 || n2 == 0) return result;

    std::vector<std::pair<double, bool>> pooled;  // value, belongs to x
    pooled.reserve(n1 + n2);
    for (const double v : x) pooled.emplace_back(v, true);
    for (const double v : y) pooled.emplace_back(v, false);
    std::sort(pooled.begin(), pooled.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::size_t> tie_sizes;
    double rank_sum_x = 0;
    for (std::size_t i = 0; i < pooled.size();) {
        std::size_t j = i + 1;
        while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
        const double average_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
        for (std::size_t k = i; k < j; ++k) {
            if (pooled[k].second) rank_sum_x += average_rank;
        }
        if (j - i > 1) result.ties = true;
        tie_sizes.push_back(j - i);
        i = j;
    }
    const auto n1d = static_cast<double>(n1);
    const auto n2d = static_cast<double>(n2);
    const double u1 = rank_sum_x - n1d * (n1d + 1) / 2;
    const double u2 = n1d * n2d - u1;
    result.u = u1;
    if (tie_sizes.size() == 1) return result;  // every value equal: nothing to test

    // Without ties the exact counts are 128-bit integers: C(120, 60) still fits.
    const std::size_t limit =
        result.ties ? limits.with_ties : std::min<std::size_t>(limits.without_ties, 60);
    if (n1 > limit || n2 > limit) {
        result.p_value = mann_whitney_u(x, y, MannWhitneyMethod::asymptotic).p_value;
        return result;
    }
    result.exact = true;
    if (u1 == u2) {
        // The mass at the centre would be counted twice: the whole distribution is 1.
        result.p_value = 1;
    } else if (!result.ties) {
        // Without ties the distribution is symmetric: P(U <= small) = P(U >= large).
        result.p_value = 2 * mann_whitney_exact_sf(n1, n2, std::max(u1, u2));
    } else {
        result.p_value = 2 * mann_whitney_tie_cdf(tie_sizes, n1, std::min(u1, u2));
    }
    result.p_value = std::clamp(result.p_value, 0.0, 1.0);
    return result;
}

}  // namespace caws::stats
