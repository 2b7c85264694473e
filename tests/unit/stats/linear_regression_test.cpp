#include "stats/linear_regression.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/trend_reference.inc"

namespace caws::stats {
namespace {

TEST(LinearRegression, MatchesScipyLinregress) {
    for (const RegressionReference& ref : k_regression_reference) {
        SCOPED_TRACE(ref.name);
        const LinearFit fit = linear_regression(ref.x, ref.y);
        const double scale = std::fabs(ref.slope) + std::fabs(ref.stderr_slope);
        EXPECT_NEAR(fit.slope, ref.slope, 1e-9 * scale);
        EXPECT_NEAR(fit.intercept, ref.intercept, 1e-7 * std::fabs(ref.intercept) + 1e-12);
        EXPECT_NEAR(fit.r_squared, ref.r_squared, 1e-10);
        EXPECT_NEAR(fit.slope_stderr, ref.stderr_slope, 1e-9 * scale);
        // The interval also depends on the t quantile (Boost.Math against scipy).
        const double width = ref.high - ref.low;
        EXPECT_NEAR(fit.low, ref.low, 1e-8 * width);
        EXPECT_NEAR(fit.high, ref.high, 1e-8 * width);
    }
}

TEST(LinearRegression, ConstantXHasNoSlope) {
    const std::vector<double> x{2, 2, 2};
    const std::vector<double> y{1, 2, 3};
    const LinearFit fit = linear_regression(x, y);
    EXPECT_EQ(fit.slope, 0);
    EXPECT_EQ(fit.intercept, 2);
}

TEST(LinearRegression, TwoPointsHaveAZeroWidthInterval) {
    const std::vector<double> x{0, 1};
    const std::vector<double> y{1, 3};
    const LinearFit fit = linear_regression(x, y);
    EXPECT_EQ(fit.slope, 2);
    EXPECT_EQ(fit.low, 2);
    EXPECT_EQ(fit.high, 2);
}

}  // namespace
}  // namespace caws::stats
