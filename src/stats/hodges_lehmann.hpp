#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>

#include "stats/interval.hpp"

namespace caws::stats {

// The Hodges-Lehmann estimate of the shift between two samples with its distribution-free
// confidence interval.
struct ShiftEstimate {
    // Median of the n1 n2 differences y_j - x_i (Hodges & Lehmann 1963).
    double estimate = std::numeric_limits<double>::quiet_NaN();
    // The k-th smallest and k-th largest differences, where k - 1 is the largest value c
    // with P(U <= c) <= (1 - confidence) / 2 under the Mann-Whitney null distribution
    // (Lehmann 1975, ch. 2; Hollander, Wolfe & Chicken 2014, sec. 4.3). Empty when the
    // sample sizes are too small for the requested confidence (2 vs 2 at 95%). When every
    // value is equal the interval is [0, 0].
    std::optional<Interval> interval;
    // Exact distribution (no ties in the pooled values and both sides at most 50), or the
    // normal approximation with tie correction, k = floor(n1 n2 / 2 - z sigma + 1/2).
    bool exact = false;
    // Confidence actually achieved: the discrete exact distribution gives at least the
    // requested level; the normal approximation approximately.
    double confidence = 0;
};

// Hodges-Lehmann shift of `y` relative to `x` at `confidence` in (0, 1). Give it the logs
// of two timings and exponentiate to get a ratio with its interval. Empty samples give a
// NaN estimate and no interval.
ShiftEstimate hodges_lehmann(std::span<const double> x, std::span<const double> y,
                             double confidence = 0.95);

// The rank k of the interval's ends for sizes n1 and n2 from the exact distribution
// without ties, and the confidence it achieves; k = 0 when no interval reaches the level.
struct IntervalRank {
    std::size_t k = 0;
    double confidence = 0;
};
IntervalRank hodges_lehmann_exact_rank(std::size_t n1, std::size_t n2, double confidence);

}  // namespace caws::stats
