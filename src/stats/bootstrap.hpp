#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "stats/interval.hpp"

namespace caws::stats {

// Settings of a percentile bootstrap (Efron & Tibshirani 1993, ch. 13).
struct BootstrapOptions {
    std::size_t resamples = 2000;
    double confidence = 0.95;  // in (0, 1)
    std::uint64_t seed = 0;    // the same seed gives the same interval
};

// Percentile bootstrap interval of median(y) / median(x): each side is resampled with
// replacement independently, `resamples` times, and the interval is the (1 - confidence)/2
// and (1 + confidence)/2 quantiles (type 7) of the resampled ratios. Empty when a side is
// empty, a value is not positive, or `resamples` is zero.
std::optional<Interval> bootstrap_median_ratio(std::span<const double> x, std::span<const double> y,
                                               const BootstrapOptions& options = {});

// Percentile bootstrap interval of the mean of `values` (resampled with replacement).
// Empty for an empty span or zero resamples.
std::optional<Interval> bootstrap_mean(std::span<const double> values,
                                       const BootstrapOptions& options = {});

}  // namespace caws::stats
