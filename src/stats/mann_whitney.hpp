#pragma once

#include <cstddef>
#include <span>

namespace caws::stats {

enum class MannWhitneyMethod {
    // scipy.stats.mannwhitneyu(method="auto"): exact when a side has at most 8 values and
    // there are no ties, otherwise the normal approximation.
    automatic,
    // The exact null distribution of U (no ties assumed; ties fall back to asymptotic).
    exact,
    // Normal approximation with tie correction and continuity correction.
    asymptotic,
};

struct MannWhitneyResult {
    double u = 0;        // U statistic of the first sample (scipy's returned statistic)
    double p_value = 1;  // two-sided
    bool exact = false;  // whether the exact distribution was used
    bool ties = false;   // whether the pooled samples contain ties
};

// Two-sided Mann-Whitney U test of `x` against `y`, following
// scipy.stats.mannwhitneyu(x, y, alternative="two-sided", use_continuity=True) for each
// method. Both samples must be non-empty. When every value is equal, p is 1.
MannWhitneyResult mann_whitney_u(std::span<const double> x, std::span<const double> y,
                                 MannWhitneyMethod method = MannWhitneyMethod::automatic);

// The smallest two-sided p-value the exact test can give for these sample sizes,
// 2 / C(n1 + n2, n1) (1 when either is zero). When it is not below alpha, no outcome can be
// significant: 3 vs 3 gives 0.1.
double mann_whitney_min_p(std::size_t n1, std::size_t n2);

// P(U >= k) under the null hypothesis without ties, for sample sizes n1 and n2, from the
// exact distribution (counted exactly in 128-bit integers, then divided).
double mann_whitney_exact_sf(std::size_t n1, std::size_t n2, double k);

}  // namespace caws::stats
