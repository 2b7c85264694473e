#include "stats/ar1_regression.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "reference/ar1_regression_reference.inc"
#include "support/fit_checks.hpp"

namespace caws::stats {
namespace {

TEST(Ar1Regression, MatchesTheDenseComputation) {
    for (const Ar1RegressionReference& ref : k_ar1_regression_reference) {
        SCOPED_TRACE(ref.name);
        const LinearFit fit = ar1_regression(ref.x, ref.y);
        EXPECT_NEAR(fit.rho, ref.rho, 1e-9);
        EXPECT_NEAR(fit.df, ref.df, 1e-7 * ref.df);
        test::expect_fit_matches(fit, ref);
    }
}

TEST(Ar1Regression, TheLinearTimeCorrelationMatchesTheDenseMatrices) {
    for (const Ar1CorrelateReference& ref : k_ar1_correlate_reference) {
        SCOPED_TRACE(ref.rho);
        const std::vector<double> correlated = ar1_correlate(ref.v, ref.rho);
        const std::vector<double> derivative = ar1_correlate_derivative(ref.v, ref.rho);
        ASSERT_EQ(correlated.size(), ref.correlated.size());
        ASSERT_EQ(derivative.size(), ref.derivative.size());
        for (std::size_t i = 0; i < ref.v.size(); ++i) {
            EXPECT_NEAR(correlated[i], ref.correlated[i],
                        1e-12 * (1 + std::fabs(ref.correlated[i])));
            EXPECT_NEAR(derivative[i], ref.derivative[i],
                        1e-12 * (1 + std::fabs(ref.derivative[i])));
        }
    }
}

TEST(Ar1Regression, TheRestrictedLikelihoodMatchesTheDenseComputation) {
    for (const Ar1LikelihoodReference& ref : k_ar1_likelihood_reference) {
        SCOPED_TRACE(ref.x.size());
        const double base = ar1_restricted_log_likelihood(ref.x, ref.residuals, 0.0);
        for (std::size_t i = 0; i < ref.rho.size(); ++i) {
            SCOPED_TRACE(ref.rho[i]);
            EXPECT_NEAR(ar1_restricted_log_likelihood(ref.x, ref.residuals, ref.rho[i]) - base,
                        ref.log_likelihood[i], 1e-8 * (1 + std::fabs(ref.log_likelihood[i])));
        }
        EXPECT_TRUE(std::isinf(ar1_restricted_log_likelihood(ref.x, ref.residuals, 1.0)));
        EXPECT_TRUE(std::isinf(ar1_restricted_log_likelihood(ref.x, ref.residuals, -1.0)));
    }
}

TEST(Ar1Regression, TheZoomedPosteriorMeanMatchesAFineGridOnALongSeries) {
    // 2,000 samples of AR(1) 0.6 noise: the posterior holds about 0.04 of (-1, 1), so the
    // integration zooms in; a uniform grid of 40,000 points in rho does not need to.
    const std::size_t n = 2000;
    std::vector<double> x(n);
    std::vector<double> noise(n);
    std::uint64_t state = 20261207;
    double previous = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double uniform_sum = 0;  // Irwin-Hall: twelve uniforms minus six, about normal
        for (int k = 0; k < 12; ++k) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            uniform_sum += static_cast<double>(state >> 11) * 0x1.0p-53;
        }
        previous = 0.6 * previous + (uniform_sum - 6);
        noise[i] = previous;
        x[i] = 3.0 * static_cast<double>(i);
    }
    const LinearFit fit = linear_regression(x, noise);
    std::vector<double> residuals(n);
    for (std::size_t i = 0; i < n; ++i) residuals[i] = noise[i] - fit.intercept - fit.slope * x[i];
    const std::size_t points = 40000;
    std::vector<double> logs(points);
    for (std::size_t k = 0; k < points; ++k) {
        const double rho = -1 + (static_cast<double>(k) + 0.5) * 2 / static_cast<double>(points);
        logs[k] = ar1_restricted_log_likelihood(x, residuals, rho) -
                  0.5 * std::log((1 - rho) * (1 + rho));  // Jeffreys' prior
    }
    const double top = *std::max_element(logs.begin(), logs.end());
    double mass = 0, moment = 0, square = 0;
    for (std::size_t k = 0; k < points; ++k) {
        const double rho = -1 + (static_cast<double>(k) + 0.5) * 2 / static_cast<double>(points);
        mass += std::exp(logs[k] - top);
        moment += rho * std::exp(logs[k] - top);
        square += rho * rho * std::exp(logs[k] - top);
    }
    const Ar1Posterior posterior = ar1_posterior(x, residuals);
    const double mean = moment / mass;
    EXPECT_NEAR(posterior.mean, mean, 1e-9);
    EXPECT_NEAR(posterior.variance, square / mass - mean * mean, 1e-9 * posterior.variance);
    EXPECT_NEAR(posterior.mean, 0.6, 0.05);
    // about (1 - rho^2) / n for a long series
    EXPECT_NEAR(posterior.variance, (1 - 0.36) / static_cast<double>(n), 0.3 * 0.64 / 2000);
}

TEST(Ar1Regression, ThePosteriorMeanIsZeroForResidualsWithoutNoise) {
    const std::vector<double> x{0, 1, 2, 3, 4, 5};
    const std::vector<double> zeros(6, 0.0);
    EXPECT_EQ(ar1_posterior(x, zeros).mean, 0);
    EXPECT_EQ(ar1_posterior(x, zeros).variance, 0);
}

TEST(Ar1Regression, PersistentNoiseWidensTheIntervalAndLowersTheDegreesOfFreedom) {
    for (const Ar1RegressionReference& ref : k_ar1_regression_reference) {
        if (ref.rho < 0.5) continue;
        SCOPED_TRACE(ref.name);
        const LinearFit plain = linear_regression(ref.x, ref.y);
        const LinearFit ar1 = ar1_regression(ref.x, ref.y);
        EXPECT_GT(ar1.slope_stderr, plain.slope_stderr);
        EXPECT_GT(ar1.high - ar1.low, plain.high - plain.low);
        EXPECT_LT(ar1.df, static_cast<double>(ref.x.size() - 2));
        EXPECT_DOUBLE_EQ(ar1.slope, plain.slope);
    }
}

TEST(Ar1Regression, BelowFiveSamplesItIsThePlainInterval) {
    // Three residuals of a line are (a, -2a, a): r = -0.8 whatever the noise.
    const std::vector<double> x{0, 1, 2, 3};
    const std::vector<double> y{10.0, 10.4, 10.3, 11.1};
    const LinearFit plain = linear_regression(x, y);
    const LinearFit ar1 = ar1_regression(x, y);
    EXPECT_EQ(ar1.rho, 0);
    EXPECT_NEAR(ar1.df, 2, 1e-12);
    EXPECT_NEAR(ar1.slope_stderr, plain.slope_stderr, 1e-12);
    EXPECT_NEAR(ar1.low, plain.low, 1e-12);
    EXPECT_NEAR(ar1.high, plain.high, 1e-12);
}

TEST(Ar1Regression, TooFewPointsOrConstantTimesAreThePlainFit) {
    const std::vector<double> two_x{0, 1};
    const std::vector<double> two_y{1, 3};
    const LinearFit two = ar1_regression(two_x, two_y);
    EXPECT_DOUBLE_EQ(two.slope, 2);
    EXPECT_EQ(two.low, two.high);
    const std::vector<double> same_x{5, 5, 5, 5};
    const std::vector<double> y{1, 2, 3, 4};
    const LinearFit flat = ar1_regression(same_x, y);
    EXPECT_EQ(flat.slope, 0);
    EXPECT_EQ(flat.low, flat.high);
    const std::vector<double> x{0, 1, 2, 3, 4};
    const std::vector<double> line{1, 3, 5, 7, 9};  // an exact line: no noise, no width
    const LinearFit exact = ar1_regression(x, line);
    EXPECT_DOUBLE_EQ(exact.slope, 2);
    EXPECT_NEAR(exact.high - exact.low, 0, 1e-12);
}

}  // namespace
}  // namespace caws::stats
