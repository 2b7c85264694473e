#pragma once

#include <cstddef>
#include <optional>

namespace caws::stats {

// The asymptotic standard deviation of the quantile p in (0, 1) of n normal values, times
// sqrt(n), in units of their standard deviation: sqrt(p (1 - p)) / phi(z_p) (1.25 for the
// median, 2.11 for a p95, 3.73 for a p99).
double quantile_noise_factor(double p);

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

// The same for a paired design (a one-sample test of n pairs' log ratios, `caws-gate ab`'s
// rounds), with `sigma` the standard deviation of one pair's log ratio:
//     shift = (t(1 - alpha/2; n - 1) + t(power; n - 1)) sigma / sqrt(efficiency n),
// `efficiency` the test's asymptotic relative efficiency to the t-test (3 / pi for the
// signed-rank test). NaN for fewer than two pairs or a negative sigma.
double paired_minimum_detectable_shift(double sigma, std::size_t n, double alpha,
                                       double power = 0.8, double efficiency = 1);

// The smallest number of pairs n >= 2 with paired_minimum_detectable_shift(sigma, n, alpha,
// power, efficiency) <= shift. Empty as repetitions_needed.
std::optional<std::size_t> pairs_needed(double sigma, double shift, double alpha,
                                        double power = 0.8, double efficiency = 1,
                                        std::size_t max_n = 100000);

}  // namespace caws::stats
