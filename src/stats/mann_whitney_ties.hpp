#pragma once

#include <cstddef>
#include <span>

#include "stats/mann_whitney.hpp"

namespace caws::stats {

// Sample sizes up to which the tie-aware test uses its exact distribution (benchstat's
// go-moremath MannWhitneyExactLimit and MannWhitneyTiesExactLimit).
struct TieExactLimits {
    std::size_t without_ties = 50;  // per side, when the pooled values have no ties (<= 60)
    std::size_t with_ties = 25;     // per side, when they do
};

// Two-sided Mann-Whitney U test of `x` against `y` with benchstat's convention
// (go-moremath stats.MannWhitneyUTest with LocationDiffers): when both sides are within
// the limits, p = 2 P(U <= min(U, n1 n2 - U)) from the exact null distribution of U
// conditional on the observed ties (Klotz 1966; Cheung & Klotz 1997), and 1 when the two
// U statistics are equal; otherwise the normal approximation with tie and continuity
// corrections (the same as mann_whitney_u's asymptotic method). `u` is the U statistic of
// `x`. p is 1 when every value is equal or a side is empty, and is clamped to [0, 1].
MannWhitneyResult mann_whitney_tie_exact(std::span<const double> x, std::span<const double> y,
                                         const TieExactLimits& limits = {});

// P(U <= u) under the null hypothesis for the first of two samples of sizes n1 and
// sum(tie_sizes) - n1, where tie_sizes lists the sizes of the groups of equal values of
// the pooled sample in increasing order of value (all ones without ties) and U counts each
// tied pair as 1/2. Counts subsets exactly in doubles (integers below 2^53 up to 27 vs
// 27 values), so small tails keep full relative precision.
double mann_whitney_tie_cdf(std::span<const std::size_t> tie_sizes, std::size_t n1, double u);

}  // namespace caws::stats
