#pragma once

#include <span>

namespace caws::stats {

// Quantile `p` in [0, 1] of sorted values by linear interpolation between order
// statistics (Hyndman & Fan type 7, numpy's and R's default). NaN for an empty span.
double quantile_sorted(std::span<const double> sorted, double p);

// The same for unsorted values (copies and sorts).
double quantile(std::span<const double> values, double p);

double median(std::span<const double> values);
double mean(std::span<const double> values);

// Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
double sample_stddev(std::span<const double> values);

double minimum(std::span<const double> values);
double maximum(std::span<const double> values);

}  // namespace caws::stats
