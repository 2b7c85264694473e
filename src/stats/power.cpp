#include "stats/power.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "stats/student_t.hpp"

namespace caws::stats {

double minimum_detectable_shift(double sigma, double n1, double n2, double df, double alpha,
                                double power) {
    if (!(n1 > 0) || !(n2 > 0) || !(sigma >= 0) || !(df > 0)) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const double factor = student_t_quantile(1 - alpha / 2, df) + student_t_quantile(power, df);
    return factor * sigma * std::sqrt(1 / n1 + 1 / n2);
}

namespace {

// The smallest n in [2, max_n] for which `detects(n)`, which holds from some n on.
template <class Detects>
std::optional<std::size_t> smallest_detecting(const Detects& detects, std::size_t max_n) {
    // The detectable shift falls as n grows: double, then bisect.
    std::size_t high = 2;
    while (!detects(high)) {
        if (high >= max_n) return std::nullopt;
        high = std::min(max_n, high * 2);
    }
    std::size_t low = high / 2;  // does not detect (or is below 2)
    if (low < 2) return high;
    while (high - low > 1) {
        const std::size_t middle = low + (high - low) / 2;
        if (detects(middle)) {
            high = middle;
        } else {
            low = middle;
        }
    }
    return high;
}

bool searchable(double sigma, double shift) {
    return std::isfinite(sigma) && sigma >= 0 && shift > 0 && std::isfinite(shift);
}

}  // namespace

std::optional<std::size_t> repetitions_needed(double sigma, double shift, double alpha,
                                              double power, double extra_df, std::size_t max_n) {
    if (!searchable(sigma, shift)) return std::nullopt;
    if (sigma == 0) return std::size_t{2};
    const auto detects = [&](std::size_t n) {
        const auto nd = static_cast<double>(n);
        return minimum_detectable_shift(sigma, nd, nd, 2 * nd - 2 + extra_df, alpha, power) <=
               shift;
    };
    return smallest_detecting(detects, max_n);
}

double paired_minimum_detectable_shift(double sigma, std::size_t n, double alpha, double power,
                                       double efficiency) {
    if (n < 2 || !(sigma >= 0) || !(efficiency > 0)) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const auto nd = static_cast<double>(n);
    const double factor =
        student_t_quantile(1 - alpha / 2, nd - 1) + student_t_quantile(power, nd - 1);
    return factor * sigma / std::sqrt(efficiency * nd);
}

std::optional<std::size_t> pairs_needed(double sigma, double shift, double alpha, double power,
                                        double efficiency, std::size_t max_n) {
    if (!searchable(sigma, shift)) return std::nullopt;
    if (sigma == 0) return std::size_t{2};
    const auto detects = [&](std::size_t n) {
        return paired_minimum_detectable_shift(sigma, n, alpha, power, efficiency) <= shift;
    };
    return smallest_detecting(detects, max_n);
}

double quantile_noise_factor(double p) {
    const double z = normal_quantile(p);
    const double density = std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi);
    return std::sqrt(p * (1 - p)) / density;
}

}  // namespace caws::stats
