#include "stats/ar1_regression.hpp"

#include <gtest/gtest.h>

#include <cmath>
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

TEST(Ar1Regression, TheAutocorrelationIsCorrectedForItsBiasAndClipped) {
    // E r = rho - (2 + 4 rho) / n: r = 0.5 - 4/100 from rho = 0.5 at n = 100.
    EXPECT_NEAR(bias_corrected_autocorrelation(0.46, 100), 0.5, 1e-12);
    EXPECT_NEAR(bias_corrected_autocorrelation(-0.02, 100), 0.0, 1e-12);
    EXPECT_DOUBLE_EQ(bias_corrected_autocorrelation(0.97, 30), 0.99);
    EXPECT_DOUBLE_EQ(bias_corrected_autocorrelation(-0.97, 30), -0.97);
    EXPECT_EQ(bias_corrected_autocorrelation(-0.8, 4), 0);  // too few to tell
    EXPECT_EQ(bias_corrected_autocorrelation(-0.8, 3), 0);
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
