#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

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

// One outcome of the median of a resample (with replacement, of the same size) of a
// sorted sample: the median is the mean of the order statistics `lower` and `upper`
// (zero-based; equal for odd sizes).
struct MedianOutcome {
    std::size_t lower = 0;
    std::size_t upper = 0;
    double probability = 0;
};

// The law of the resample median of a sample of size n: which order statistics form it,
// with their probabilities (summing to 1). It depends on n only. bootstrap_median_ratio
// draws from it for samples of up to 64 values, which gives the same distribution as
// resampling for one random number instead of n.
std::vector<MedianOutcome> bootstrap_median_law(std::size_t n);

// Percentile bootstrap interval of the mean of `values` (resampled with replacement).
// Empty for an empty span or zero resamples.
std::optional<Interval> bootstrap_mean(std::span<const double> values,
                                       const BootstrapOptions& options = {});

}  // namespace caws::stats
