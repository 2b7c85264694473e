#include "stats/noise.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace caws::stats {

double coefficient_of_variation(std::span<const double> values) {
    if (values.size() < 2) return std::numeric_limits<double>::quiet_NaN();
    const double m = mean(values);
    if (m == 0) return std::numeric_limits<double>::quiet_NaN();
    return sample_stddev(values) / std::fabs(m);
}

double median_absolute_deviation(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    const double center = median(values);
    std::vector<double> deviations;
    deviations.reserve(values.size());
    for (const double v : values) deviations.push_back(std::fabs(v - center));
    return median(deviations);
}

TukeyFences tukey_fences(std::span<const double> values, double k, QuantileMethod method) {
    if (values.empty()) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    const double q1 = quantile_sorted(sorted, 0.25, method);
    const double q3 = quantile_sorted(sorted, 0.75, method);
    const double spread = q3 - q1;
    return {q1 - k * spread, q3 + k * spread};
}

bool is_outlier(double value, const TukeyFences& fences) {
    // Comparisons with NaN fences are false: nothing is an outlier then.
    return value < fences.low || value > fences.high;
}

std::size_t count_outliers(std::span<const double> values, const TukeyFences& fences) {
    return static_cast<std::size_t>(std::count_if(values.begin(), values.end(),
                                                  [&](double v) { return is_outlier(v, fences); }));
}

std::vector<double> without_outliers(std::span<const double> values, const TukeyFences& fences) {
    std::vector<double> kept;
    kept.reserve(values.size());
    for (const double v : values) {
        if (!is_outlier(v, fences)) kept.push_back(v);
    }
    return kept;
}

}  // namespace caws::stats
