#pragma once

#include <span>

namespace caws::stats {

// How a quantile interpolates between order statistics (Hyndman & Fan 1996).
enum class QuantileMethod {
    // Type 7: numpy's and R's default; the quantiles of the whole library.
    linear,
    // Type 8, approximately median-unbiased whatever the distribution; what benchstat
    // (go-moremath) used for its outlier fences.
    median_unbiased,
};

// Quantile `p` in [0, 1] of sorted values by interpolation between order statistics
// (linear: type 7 by default). NaN for an empty span.
double quantile_sorted(std::span<const double> sorted, double p,
                       QuantileMethod method = QuantileMethod::linear);

// The same for unsorted values (copies and sorts).
double quantile(std::span<const double> values, double p,
                QuantileMethod method = QuantileMethod::linear);

double median(std::span<const double> values);
double mean(std::span<const double> values);

// Sample variance and standard deviation (n - 1 in the denominator); 0 for fewer than two
// values.
double sample_variance(std::span<const double> values);
double sample_stddev(std::span<const double> values);

// Geometric mean, exp(mean(log x)); NaN when the span is empty or a value is not positive.
double geometric_mean(std::span<const double> values);

double minimum(std::span<const double> values);
double maximum(std::span<const double> values);

}  // namespace caws::stats
