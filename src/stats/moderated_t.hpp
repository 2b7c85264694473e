#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "stats/student_t.hpp"
#include "stats/welch.hpp"

namespace caws::stats {

// A prior for the noise of many related measurements: their variances behave like
// variance * chi2(df) / df (Smyth 2004). df is +infinity when the observed variances vary
// no more than sampling alone explains (then every measurement gets `variance`).
struct NoisePrior {
    double df = 0;
    double variance = 0;
    std::size_t measurements = 0;  // how many variances the prior was fitted on
};

// Fits the prior by matching the mean and variance of the log variances, as limma's
// fitFDist does without covariates (Smyth 2004, sec. 6.2): with
// e_i = log s_i^2 - digamma(d_i / 2) + log(d_i / 2), mean(e) and
// var(e) - mean(trigamma(d_i / 2)) give trigamma(d0 / 2) and log s0^2. Variances that are
// not positive and finite, or whose df is not positive and finite, are skipped; empty when
// fewer than two remain.
std::optional<NoisePrior> fit_noise_prior(std::span<const double> variances,
                                          std::span<const double> dfs);

// The posterior (moderated) variance (d0 s0^2 + d s^2) / (d0 + d); s0^2 when d0 is
// infinite.
double posterior_variance(const NoisePrior& prior, double variance, double df);

// Moderated two-sample t-test of y against x (Smyth 2004): the pooled variance of the two
// samples, with n1 + n2 - 2 degrees of freedom, is replaced by its posterior under the
// prior, and t has d0 + n1 + n2 - 2 degrees of freedom. Needs at least one value per side.
std::optional<TTestResult> moderated_t_test(const SampleSummary& x, const SampleSummary& y,
                                            const NoisePrior& prior);
std::optional<TTestResult> moderated_t_test(std::span<const double> x, std::span<const double> y,
                                            const NoisePrior& prior);

// The pooled variance ((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2) of two samples, and
// its degrees of freedom; variance 0 with df 0 when n1 + n2 < 3.
struct PooledVariance {
    double variance = 0;
    double df = 0;
};
PooledVariance pooled_variance(const SampleSummary& x, const SampleSummary& y);

// The inverse of the trigamma function, by Newton's method from 1/2 + 1/y as limma's
// trigammaInverse; for y > 0.
double trigamma_inverse(double y);

}  // namespace caws::stats
