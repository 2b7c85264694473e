#pragma once

#include <cstddef>
#include <span>

namespace caws::stats {

// The Mann-Kendall test of a monotonic trend in a series taken in order (Mann 1945;
// Kendall 1975): S counts the later values above earlier ones minus those below.
struct MannKendall {
    std::size_t n = 0;
    double s = 0;         // sum over i < j of sign(x_j - x_i)
    double variance = 0;  // of S under no trend, corrected for ties
    double z = 0;         // (S -+ 1) / sqrt(variance): continuity-corrected; 0 when S = 0
    double p_value = 1;   // two-sided
    // Kendall's tau-b between the values and their positions, in [-1, 1].
    double tau = 0;
    // True when the p-value is exact (no ties and n <= 33: the distribution of S over all
    // orders, as scipy.stats.kendalltau's "auto" method); false for the normal approximation.
    bool exact = false;
};

// Mann-Kendall of `values` in order, in O(n log n) (inversions counted by merge sort).
// Fewer than three values, or all values equal, give S = 0 and p = 1. Values must be
// finite.
MannKendall mann_kendall(std::span<const double> values);

// Two-sided p-value of S from its exact distribution for n values without ties: twice the
// probability of at most min(d, n(n-1)/2 - d) discordant pairs, capped at 1 (Kendall's
// distribution of inversions). n <= 170.
double mann_kendall_exact_p(std::size_t n, std::size_t discordant);

}  // namespace caws::stats
