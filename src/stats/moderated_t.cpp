#include "stats/moderated_t.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/polygamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace caws::stats {

double trigamma_inverse(double y) {
    if (y > 1e7) return 1 / std::sqrt(y);
    if (y < 1e-6) return 1 / y;
    double x = 0.5 + 1 / y;
    for (int iteration = 0; iteration < 50; ++iteration) {
        const double tri = boost::math::trigamma(x);
        const double step = tri * (1 - tri / y) / boost::math::polygamma(2, x);
        x += step;
        if (-step / x < 1e-8) break;
    }
    return x;
}

std::optional<NoisePrior> fit_noise_prior(std::span<const double> variances,
                                          std::span<const double> dfs) {
    std::vector<double> e;
    std::vector<double> half_dfs;
    e.reserve(variances.size());
    half_dfs.reserve(variances.size());
    for (std::size_t i = 0; i < variances.size() && i < dfs.size(); ++i) {
        const double s2 = variances[i];
        const double d = dfs[i];
        if (!(s2 > 0) || !std::isfinite(s2) || !(d > 0) || !std::isfinite(d)) continue;
        e.push_back(std::log(s2) - boost::math::digamma(d / 2) + std::log(d / 2));
        half_dfs.push_back(d / 2);
    }
    const std::size_t n = e.size();
    if (n < 2) return std::nullopt;
    double e_mean = 0;
    for (const double v : e) e_mean += v;
    e_mean /= static_cast<double>(n);
    double e_variance = 0;
    for (const double v : e) e_variance += (v - e_mean) * (v - e_mean);
    e_variance /= static_cast<double>(n - 1);
    double trigamma_mean = 0;
    for (const double h : half_dfs) trigamma_mean += boost::math::trigamma(h);
    trigamma_mean /= static_cast<double>(n);
    e_variance -= trigamma_mean;

    NoisePrior prior;
    prior.measurements = n;
    if (e_variance > 0) {
        prior.df = 2 * trigamma_inverse(e_variance);
        prior.variance =
            std::exp(e_mean + boost::math::digamma(prior.df / 2) - std::log(prior.df / 2));
    } else {
        prior.df = std::numeric_limits<double>::infinity();
        prior.variance = std::exp(e_mean);
    }
    return prior;
}

double posterior_variance(const NoisePrior& prior, double variance, double df) {
    if (std::isinf(prior.df)) return prior.variance;
    if (prior.df + df <= 0) return prior.variance;
    return (prior.df * prior.variance + df * variance) / (prior.df + df);
}

PooledVariance pooled_variance(const SampleSummary& x, const SampleSummary& y) {
    if (x.n + y.n < 3) return {};
    const auto d1 = static_cast<double>(x.n) - 1;
    const auto d2 = static_cast<double>(y.n) - 1;
    const double df = d1 + d2;
    return {(d1 * x.stddev * x.stddev + d2 * y.stddev * y.stddev) / df, df};
}

std::optional<TTestResult> moderated_t_test(const SampleSummary& x, const SampleSummary& y,
                                            const NoisePrior& prior) {
    if (x.n == 0 || y.n == 0) return std::nullopt;
    const PooledVariance pooled = pooled_variance(x, y);
    const double variance = posterior_variance(prior, pooled.variance, pooled.df);
    TTestResult result;
    result.difference = y.mean - x.mean;
    result.df = prior.df + pooled.df;
    result.standard_error =
        std::sqrt(variance * (1 / static_cast<double>(x.n) + 1 / static_cast<double>(y.n)));
    if (result.standard_error == 0) {
        result.t = result.difference == 0
                       ? 0
                       : std::copysign(std::numeric_limits<double>::infinity(), result.difference);
    } else {
        result.t = result.difference / result.standard_error;
    }
    result.p_value = student_t_two_sided_p(result.t, result.df);
    return result;
}

std::optional<TTestResult> moderated_t_test(std::span<const double> x, std::span<const double> y,
                                            const NoisePrior& prior) {
    return moderated_t_test(summarize(x), summarize(y), prior);
}

}  // namespace caws::stats
