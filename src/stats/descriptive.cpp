#include "stats/descriptive.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace caws::stats {

double quantile_sorted(std::span<const double> sorted, double p, QuantileMethod method) {
    if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto n = static_cast<double>(sorted.size());
    p = std::clamp(p, 0.0, 1.0);
    // Zero-based position of the quantile among the order statistics.
    double position = 0;
    switch (method) {
        case QuantileMethod::linear:
            position = p * (n - 1);
            break;
        case QuantileMethod::median_unbiased:
            // Type 8: one-based position (n + 1/3) p + 1/3.
            position = (n + 1.0 / 3.0) * p + 1.0 / 3.0 - 1;
            break;
    }
    position = std::clamp(position, 0.0, n - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + (sorted[above] - sorted[below]) * fraction;
}

double quantile(std::span<const double> values, double p, QuantileMethod method) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return quantile_sorted(sorted, p, method);
}

double median(std::span<const double> values) {
    const std::size_t n = values.size();
    if (n == 0) return std::numeric_limits<double>::quiet_NaN();
    // Small spans are the common case (one value per repetition): avoid the heap.
    double stack_buffer[64];
    std::vector<double> heap_buffer;
    double* data = stack_buffer;
    if (n > 64) {
        heap_buffer.assign(values.begin(), values.end());
        data = heap_buffer.data();
    } else {
        std::copy(values.begin(), values.end(), stack_buffer);
    }
    const std::size_t middle = n / 2;
    std::nth_element(data, data + middle, data + n);
    const double upper = data[middle];
    if (n % 2 == 1) return upper;
    const double lower = *std::max_element(data, data + middle);
    return lower + (upper - lower) / 2;
}

double mean(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    for (const double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

double sample_variance(std::span<const double> values) {
    if (values.size() < 2) return 0;
    const double m = mean(values);
    double squares = 0;
    for (const double v : values) squares += (v - m) * (v - m);
    return squares / static_cast<double>(values.size() - 1);
}

double sample_stddev(std::span<const double> values) {
    return std::sqrt(sample_variance(values));
}

double geometric_mean(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    double sum = 0;
    for (const double v : values) {
        if (!(v > 0)) return std::numeric_limits<double>::quiet_NaN();
        sum += std::log(v);
    }
    return std::exp(sum / static_cast<double>(values.size()));
}

double minimum(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    return *std::min_element(values.begin(), values.end());
}

double maximum(std::span<const double> values) {
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    return *std::max_element(values.begin(), values.end());
}

}  // namespace caws::stats
