#pragma once

#include <cstddef>
#include <optional>

namespace caws::stats {

// Power analysis of a two-sided two-sample t-test of a shift in location with noise
// `sigma` (standard deviation of one observation), at level `alpha`, by the usual normal
// and t approximation (e.g. Cohen 1988, ch. 2):
//     shift = (t(1 - alpha/2; df) + t(power; df)) sigma sqrt(1/n1 + 1/n2).
// For log values, exp(shift) is the smallest ratio detected with probability `power`.
// df = +infinity uses normal quantiles. NaN when a size is zero or sigma is negative.
double minimum_detectable_shift(double sigma, double n1, double n2, double df, double alpha,
                                double power = 0.8);

// The smallest number n of values per side (equal sizes, n >= 2) for which
// minimum_detectable_shift(sigma, n, n, 2 n - 2 + extra_df, alpha, power) <= shift;
// `extra_df` adds prior degrees of freedom (a moderated test). Empty when `max_n` is not
// enough, or sigma or shift is not positive and finite. sigma = 0 needs 2.
std::optional<std::size_t> repetitions_needed(double sigma, double shift, double alpha,
                                              double power = 0.8, double extra_df = 0,
                                              std::size_t max_n = 100000);

}  // namespace caws::stats
