#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "stats/descriptive.hpp"

namespace caws::stats {

// Coefficient of variation: sample standard deviation (n - 1) over the mean, as a fraction
// (0.05 is 5%). NaN for fewer than two values or a zero mean.
double coefficient_of_variation(std::span<const double> values);

// Median absolute deviation from the median, unscaled (in the unit of the values; multiply
// by 1.4826 for a consistent estimate of a normal standard deviation). NaN when empty.
double median_absolute_deviation(std::span<const double> values);

// Tukey's fences: values below `low` or above `high` are outliers.
struct TukeyFences {
    double low = 0;
    double high = 0;
};

// Fences at Q1 - k IQR and Q3 + k IQR (k = 1.5 is Tukey's "outside" rule) with quartiles
// computed by `method`. NaN fences for an empty span, so that nothing is an outlier.
TukeyFences tukey_fences(std::span<const double> values, double k = 1.5,
                         QuantileMethod method = QuantileMethod::linear);

// Whether `value` lies outside the fences.
bool is_outlier(double value, const TukeyFences& fences);

// Number of values outside the fences.
std::size_t count_outliers(std::span<const double> values, const TukeyFences& fences);

// The values inside the fences, in their original order.
std::vector<double> without_outliers(std::span<const double> values, const TukeyFences& fences);

}  // namespace caws::stats
