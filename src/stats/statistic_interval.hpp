#pragma once

#include <optional>
#include <span>

#include "stats/interval.hpp"

namespace caws::stats {

// Distribution-free confidence interval of the p-quantile (0 < p < 1) of the population a
// sample comes from, from its order statistics (Conover 1999, sec. 3.2; Hahn & Meeker
// 1991, sec. 5.2): [x(l), x(u)] (1-based) with l - 1 the (1 - confidence)/2 quantile of
// Binomial(n, p) and u - 1 its (1 + confidence)/2 quantile, so that the coverage is at
// least `confidence`. Empty when the sample is too small for that confidence (l < 1 or
// u > n: a median needs n >= 6 at 95%). `values` need not be sorted.
std::optional<Interval> quantile_interval(std::span<const double> values, double p,
                                          double confidence);

// Student t interval of the mean: mean ± t(1 - (1 - confidence)/2, n - 1) s / sqrt(n).
// Empty for fewer than two values.
std::optional<Interval> mean_interval(std::span<const double> values, double confidence);

}  // namespace caws::stats
