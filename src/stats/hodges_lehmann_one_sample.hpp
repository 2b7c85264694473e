#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>

#include "stats/hodges_lehmann.hpp"
#include "stats/interval.hpp"

namespace caws::stats {

// The one-sample Hodges-Lehmann estimate of the centre of a symmetric distribution with its
// distribution-free confidence interval, for paired differences.
struct LocationEstimate {
    // The pseudo-median: the median of the M = n(n+1)/2 Walsh averages (d_i + d_j) / 2,
    // i <= j (Hodges & Lehmann 1963). NaN for no values.
    double estimate = std::numeric_limits<double>::quiet_NaN();
    // [A_(k), A_(M+1-k)] of the sorted Walsh averages A, where k - 1 is the largest c with
    // P(W+ <= c) <= (1 - confidence) / 2 under the signed-rank null distribution (Hollander,
    // Wolfe & Chicken 2014, sec. 3.3). Empty when n is too small for the level (5 pairs at
    // 95%: P(W+ = 0) = 1/32 > 0.025).
    std::optional<Interval> interval;
    // Exact distribution (at most 50 values and no two |d| equal), or the normal
    // approximation with the tie correction of the variance of W+,
    // k = floor(M/2 - z sigma + 1/2), sigma^2 = n(n+1)(2n+1)/24 - sum(t^3 - t)/48 over the
    // groups of equal |d|.
    bool exact = false;
    // Confidence achieved: at least the requested level when exact, approximately otherwise.
    double confidence = 0;
};

// Hodges-Lehmann pseudo-median of `d` and its interval at `confidence` in (0, 1). Give it
// the log ratios of paired timings and exponentiate to get a ratio with its interval. The
// Walsh averages are never all stored for large n: n = 1000 (500,500 averages) takes well
// under a millisecond.
LocationEstimate hodges_lehmann_one_sample(std::span<const double> d, double confidence = 0.95);

// The rank k of the interval's ends for n differences from the exact signed-rank
// distribution without ties, and the confidence it achieves; k = 0 when no interval reaches
// the level. n must be at most k_wilcoxon_exact_limit.
IntervalRank signed_rank_exact_rank(std::size_t n, double confidence);

// The k-th smallest (1-based, 1 <= k <= n(n+1)/2) Walsh average (s_i + s_j) / 2, i <= j, of
// values sorted in increasing order, computed exactly as that expression in doubles.
double kth_walsh_average(std::span<const double> sorted, std::size_t k);

}  // namespace caws::stats
