#include "stats/welch.hpp"

#include <cmath>
#include <limits>

#include "stats/descriptive.hpp"

namespace caws::stats {

SampleSummary summarize(std::span<const double> values) {
    return SampleSummary{mean(values), sample_stddev(values), values.size()};
}

std::optional<TTestResult> welch_t_test(const SampleSummary& x, const SampleSummary& y) {
    if (x.n < 2 || y.n < 2) return std::nullopt;
    if (!std::isfinite(x.stddev) || !std::isfinite(y.stddev) || x.stddev < 0 || y.stddev < 0 ||
        !std::isfinite(x.mean) || !std::isfinite(y.mean)) {
        return std::nullopt;
    }
    const auto n1 = static_cast<double>(x.n);
    const auto n2 = static_cast<double>(y.n);
    const double v1 = x.stddev * x.stddev / n1;
    const double v2 = y.stddev * y.stddev / n2;
    TTestResult result;
    result.difference = y.mean - x.mean;
    result.standard_error = std::sqrt(v1 + v2);
    if (result.standard_error == 0) {
        result.df = n1 + n2 - 2;
        if (result.difference == 0) {
            result.t = 0;
            result.p_value = 1;
        } else {
            result.t = std::copysign(std::numeric_limits<double>::infinity(), result.difference);
            result.p_value = 0;
        }
        return result;
    }
    result.df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
    result.t = result.difference / result.standard_error;
    result.p_value = student_t_two_sided_p(result.t, result.df);
    return result;
}

std::optional<TTestResult> welch_t_test(std::span<const double> x, std::span<const double> y) {
    return welch_t_test(summarize(x), summarize(y));
}

}  // namespace caws::stats
