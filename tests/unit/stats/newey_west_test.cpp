#include "stats/newey_west.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/newey_west_reference.inc"

namespace caws::stats {
namespace {

TEST(NeweyWest, MatchesStatsmodelsHacWithAndrewsLags) {
    for (const NeweyWestReference& ref : k_newey_west_reference) {
        SCOPED_TRACE(ref.name);
        const std::optional<std::size_t> lags =
            ref.fixed_lags == 0 ? std::nullopt : std::optional<std::size_t>(ref.fixed_lags);
        const LinearFit fit = newey_west_regression(ref.x, ref.y, 0.95, lags);
        EXPECT_EQ(fit.lags, ref.lags);
        EXPECT_NEAR(fit.rho, ref.rho, 1e-9);
        const double scale = std::fabs(ref.slope) + ref.stderr_slope;
        EXPECT_NEAR(fit.slope, ref.slope, 1e-8 * scale);
        EXPECT_NEAR(fit.intercept, ref.intercept, 1e-6 * std::fabs(ref.intercept) + 1e-9);
        EXPECT_NEAR(fit.slope_stderr, ref.stderr_slope, 1e-8 * ref.stderr_slope);
        const double width = ref.high - ref.low;
        EXPECT_NEAR(fit.low, ref.low, 1e-7 * width);
        EXPECT_NEAR(fit.high, ref.high, 1e-7 * width);
    }
}

TEST(NeweyWest, AutocorrelatedResidualsWidenTheInterval) {
    for (const NeweyWestReference& ref : k_newey_west_reference) {
        if (ref.lags == 0) continue;
        SCOPED_TRACE(ref.name);
        const LinearFit iid = linear_regression(ref.x, ref.y);
        const LinearFit hac = newey_west_regression(ref.x, ref.y);
        EXPECT_GT(hac.slope_stderr, iid.slope_stderr);
    }
}

TEST(NeweyWest, AndrewsLagsGrowWithTheAutocorrelationAndTheLength) {
    EXPECT_EQ(andrews_bartlett_lags(0, 1000), 0u);
    // alpha = 4 * 0.25 / (0.25 * 2.25) = 16/9; 1.1447 * (16/9 * 1000)^(1/3) = 13.9
    EXPECT_EQ(andrews_bartlett_lags(0.5, 1000), 13u);
    EXPECT_GT(andrews_bartlett_lags(0.9, 1000), andrews_bartlett_lags(0.5, 1000));
    EXPECT_GT(andrews_bartlett_lags(0.9, 10000), andrews_bartlett_lags(0.9, 1000));
    EXPECT_EQ(andrews_bartlett_lags(0.97, 10), 8u);  // at most n - 2
}

TEST(NeweyWest, TheAutocorrelationIsClipped) {
    const std::vector<double> rising{1, 2, 3, 4, 5, 6};
    EXPECT_DOUBLE_EQ(residual_autocorrelation(rising), 0.97);
    const std::vector<double> alternating{1, -1, 1, -1, 1, -1};
    EXPECT_DOUBLE_EQ(residual_autocorrelation(alternating), -0.97);
    EXPECT_EQ(residual_autocorrelation(std::vector<double>{0, 0, 0}), 0);
}

TEST(NeweyWest, FewPointsFallBackToThePlainFit) {
    const std::vector<double> x{0, 1};
    const std::vector<double> y{1, 3};
    const LinearFit fit = newey_west_regression(x, y);
    EXPECT_EQ(fit.slope, 2);
    EXPECT_EQ(fit.low, 2);
    EXPECT_EQ(fit.high, 2);
    EXPECT_EQ(fit.lags, 0u);
}

}  // namespace
}  // namespace caws::stats
