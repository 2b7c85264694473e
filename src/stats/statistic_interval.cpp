#include "stats/statistic_interval.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

// Smallest k with P(Binomial(n, p) <= k) >= q.
std::size_t binomial_quantile(std::size_t n, double p, double q) {
    const double log_p = std::log(p);
    const double log_q = std::log1p(-p);
    const double log_n = std::lgamma(static_cast<double>(n) + 1);
    double cdf = 0;
    for (std::size_t k = 0; k <= n; ++k) {
        const auto kd = static_cast<double>(k);
        const auto rest = static_cast<double>(n - k);
        cdf += std::exp(log_n - std::lgamma(kd + 1) - std::lgamma(rest + 1) + kd * log_p +
                        rest * log_q);
        // A relative tolerance keeps the sum's rounding from skipping the exact quantile.
        if (cdf >= q * (1 - 1e-12)) return k;
    }
    return n;
}

}  // namespace

std::optional<Interval> quantile_interval(std::span<const double> values, double p,
                                          double confidence) {
    const std::size_t n = values.size();
    if (n == 0 || !(p > 0 && p < 1) || !(confidence > 0 && confidence < 1)) return std::nullopt;
    const double tail = (1 - confidence) / 2;
    // P(x(l) <= quantile <= x(u)) = F(u - 1) - F(l - 1) for the binomial CDF F: with
    // l = F^-1(tail) and u - 1 = F^-1(1 - tail) it is at least 1 - 2 tail.
    const std::size_t l = binomial_quantile(n, p, tail);
    const std::size_t u = binomial_quantile(n, p, 1 - tail) + 1;
    if (l < 1 || u > n) return std::nullopt;
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return Interval{sorted[l - 1], sorted[u - 1]};
}

std::optional<Interval> mean_interval(std::span<const double> values, double confidence) {
    if (values.size() < 2 || !(confidence > 0 && confidence < 1)) return std::nullopt;
    const double m = mean(values);
    const double half =
        student_t_quantile(1 - (1 - confidence) / 2, static_cast<double>(values.size() - 1)) *
        sample_stddev(values) / std::sqrt(static_cast<double>(values.size()));
    return Interval{m - half, m + half};
}

}  // namespace caws::stats
