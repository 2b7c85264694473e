#pragma once

#include <cstddef>
#include <limits>
#include <span>

namespace caws::stats {

// What the signed-rank test does with differences that are exactly zero (scipy's
// `zero_method`).
enum class ZeroMethod {
    // Drop them before ranking (Wilcoxon 1945); scipy's default and ours.
    wilcox,
    // Rank them with the others, then leave their ranks out of both sums (Pratt 1959), with
    // Cureton's (1967) adjustment of the normal approximation.
    pratt,
    // Rank them with the others and split their rank sum equally between W+ and W-.
    zsplit,
};

enum class WilcoxonMethod {
    // scipy 1.10.1's `method="auto"`: exact when there are at most 50 differences (zeros
    // included) and none is zero, otherwise the normal approximation. Ties do not change the
    // choice (see `WilcoxonResult::ties`).
    automatic,
    // The exact null distribution of W+. Zeros switch to the normal approximation, as in
    // scipy; so do more than `k_wilcoxon_exact_limit` differences (scipy has no limit).
    exact,
    // The normal approximation with the tie correction of the variance (scipy's "approx").
    approx,
};

// Beyond this many differences the exact distribution (about n^2 / 2 doubles, n^3 / 6
// additions) is not computed and the normal approximation is used instead.
inline constexpr std::size_t k_wilcoxon_exact_limit = 400;

struct WilcoxonOptions {
    ZeroMethod zero_method = ZeroMethod::wilcox;
    WilcoxonMethod method = WilcoxonMethod::automatic;
    // Continuity correction of the normal approximation: the statistic moves by 1/2
    // towards its mean. Off by default, as scipy's `correction=False`.
    bool continuity = false;
};

struct WilcoxonResult {
    // min(W+, W-), scipy's two-sided statistic. W+ is the sum of the ranks of |d| over the
    // positive differences, W- over the negative ones (ties get average ranks). NaN for no
    // differences.
    double statistic = std::numeric_limits<double>::quiet_NaN();
    double w_plus = std::numeric_limits<double>::quiet_NaN();
    // Two-sided. NaN for no differences; 1 when every difference is zero (where scipy raises
    // an error for "wilcox" and "pratt").
    double p_value = std::numeric_limits<double>::quiet_NaN();
    // The standardized statistic of the normal approximation; NaN when exact.
    double z = std::numeric_limits<double>::quiet_NaN();
    bool exact = false;     // whether the exact distribution gave the p-value
    std::size_t n = 0;      // differences ranked: zeros excluded under ZeroMethod::wilcox
    std::size_t zeros = 0;  // differences equal to zero among those given
    // Whether nonzero |d| are tied. scipy 1.10.1 still uses the exact distribution (of
    // untied ranks) then, and so does this test, with the statistic rounded down when ties
    // make it a half-integer; the p-value is then approximate. scipy rounds W+ instead of
    // the statistic, which differs when W+ > W- (see wilcoxon.cpp): this test gives scipy's
    // value for the differences oriented so that W+ <= W-, and the same p-value whichever
    // side is called base.
    bool ties = false;
};

// Two-sided Wilcoxon signed-rank test (Wilcoxon 1945) of the differences `d` against a
// distribution symmetric about zero, following scipy.stats.wilcoxon(d, zero_method,
// correction, alternative="two-sided", method) of scipy 1.10.1 for each option.
WilcoxonResult wilcoxon_signed_rank(std::span<const double> d, const WilcoxonOptions& options = {});

// P(W+ <= w) under the null hypothesis for n differences without ties or zeros: the exact
// distribution, counted by the recurrence over the largest rank (each rank is in W+ with
// probability 1/2). Exact to double rounding for n <= 63 and to a few ulps beyond. n must
// be at most k_wilcoxon_exact_limit; n = 0 gives the point mass at 0.
double wilcoxon_exact_cdf(std::size_t n, double w);

// The smallest two-sided p-value the exact test can give with n nonzero differences,
// 2 / 2^n (every difference of the same sign), and 1 for n <= 1.
double wilcoxon_min_p(std::size_t n);

// The size the exact two-sided test attains at the nominal level `alpha` with n nonzero
// differences without ties: the largest p-value min(1, 2 P(W+ <= w)) it can give that is at
// most `alpha` (0.03125 for n = 6 at 0.05, 0.046875 for 7), 0 when it can give none (n
// below wilcoxon_min_pairs). A discrete test rejects less often than `alpha` says, and a
// power analysis at `alpha` promises power it does not have. `alpha` itself for n above
// k_wilcoxon_exact_limit, where the steps are far finer than any level.
double wilcoxon_attained_alpha(std::size_t n, double alpha);

// The smallest n whose wilcoxon_min_p(n) is at most `alpha` (6 for 0.05, 8 for 0.01); fewer
// nonzero pairs can never be significant at that level. 0 when alpha <= 0 (no n can).
std::size_t wilcoxon_min_pairs(double alpha);

}  // namespace caws::stats
