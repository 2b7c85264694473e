#pragma once

// The power of the exact signed-rank test over few pairs, where the normal approximation
// with the asymptotic efficiency 3 / pi is optimistic: six pairs reject at 0.05 only when
// all six agree (docs/statistics.md, "Power of `ab`").

#include <cstddef>

namespace caws::stats {

// Up to this many pairs the power is simulated; beyond, the approximation is close.
inline constexpr std::size_t k_signed_rank_simulated_pairs = 60;

// The probability that the exact two-sided signed-rank test of n pairs rejects at its
// attained size for `alpha` (wilcoxon_attained_alpha) when every pair's difference is
// normal with mean `effect` standard deviations: the share of `replications` samples of n
// such differences that it rejects, drawn from a fixed seed per n, the same for every
// effect (so that the power grows with the effect). 0 when n pairs cannot reach alpha.
double signed_rank_power(std::size_t n, double alpha, double effect,
                         std::size_t replications = 2000);

// The smallest effect, in standard deviations of one pair's difference, that the exact test
// of n pairs detects with probability `power`: bisection on signed_rank_power to 1e-3,
// remembered per (n, alpha, power) for the process. +infinity when n pairs cannot reach
// alpha or n exceeds k_signed_rank_simulated_pairs.
double signed_rank_detectable_effect(std::size_t n, double alpha, double power);

}  // namespace caws::stats
