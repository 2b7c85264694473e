#pragma once

#include <cstddef>
#include <span>

#include "stats/mann_kendall.hpp"

namespace caws::stats {

// The Theil-Sen estimate of the slope of a series against its positions 0, 1, ..., n-1
// (Theil 1950; Sen 1968), with Sen's distribution-free confidence interval.
struct TheilSen {
    std::size_t n = 0;
    double slope = 0;      // median of the pairwise slopes (y_j - y_i) / (j - i), per position
    double intercept = 0;  // median(y) - slope * median(position)
    double low = 0;        // Sen's interval of the slope at the requested confidence
    double high = 0;
};

// Theil-Sen of `values` at positions 0..n-1, as scipy.stats.theilslopes(values, alpha=
// confidence): the interval's bounds are the pairwise slopes of ranks
// round((N -+ z sqrt(var S)) / 2) among the N = n(n-1)/2 slopes, var S the Mann-Kendall
// variance corrected for ties of the values. Exact: for long series the slopes outside a
// bracket drawn from a deterministic sample are only counted, not kept (one vectorised
// pass over the pairs), and the kept ones are placed in bins of equal width so that each
// wanted rank is selected among its bin's slopes only. Fewer than two values give a zero
// slope; values must be finite. Thread-safe: each thread reuses its own buffers.
TheilSen theil_sen(std::span<const double> values, double confidence = 0.95);

// The same, with the Mann-Kendall test of the same values already at hand (its variance
// gives the interval's ranks), which saves computing it again.
TheilSen theil_sen(std::span<const double> values, double confidence,
                   const MannKendall& mann_kendall_of_values);

}  // namespace caws::stats
