#include "stats/newey_west.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference/fixed_b_reference.inc"
#include "reference/newey_west_reference.inc"
#include "stats/student_t.hpp"
#include "support/fit_checks.hpp"

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
        test::expect_fit_matches(fit, ref);
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

TEST(NeweyWest, FixedBCriticalValuesMatchAnIndependentSimulation) {
    // The polynomials were fitted to one simulation (n = 500); these quantiles come from
    // another (n = 1000, another seed) at other b: Monte Carlo and fit error, about 2%.
    for (const FixedBReference& ref : k_fixed_b_reference) {
        SCOPED_TRACE(std::to_string(ref.confidence) + " " + std::to_string(ref.b));
        EXPECT_NEAR(fixed_b_critical_value(ref.b, ref.confidence, 1000), ref.critical,
                    0.035 * ref.critical);
    }
}

TEST(NeweyWest, FixedBCriticalValuesStartAtStudentsTAndGrowWithTheBandwidth) {
    EXPECT_DOUBLE_EQ(fixed_b_critical_value(0, 0.95, 30), student_t_quantile(0.975, 28));
    EXPECT_GT(fixed_b_critical_value(0.1, 0.95, 1000), fixed_b_critical_value(0.05, 0.95, 1000));
    EXPECT_GT(fixed_b_critical_value(1, 0.95, 1000), 5);
    // Between tabulated levels: between their values; outside: their excess over t.
    const double at_93 = fixed_b_critical_value(0.2, 0.93, 1000);
    EXPECT_GT(at_93, fixed_b_critical_value(0.2, 0.90, 1000));
    EXPECT_LT(at_93, fixed_b_critical_value(0.2, 0.95, 1000));
    EXPECT_GT(fixed_b_critical_value(0.2, 0.999, 1000), fixed_b_critical_value(0.2, 0.99, 1000));
}

TEST(NeweyWest, TheLeakBandwidthIsFourTimesAndrews) {
    EXPECT_EQ(fixed_b_lags(0, 1000), 3u);     // M = 4 (0 + 1)
    EXPECT_EQ(fixed_b_lags(0.5, 1000), 55u);  // M = 4 (13 + 1)
    EXPECT_EQ(fixed_b_lags(0.97, 10), 9u);    // M at most n
    EXPECT_EQ(fixed_b_lags(0.5, 2), 0u);
}

TEST(NeweyWest, TheFixedBIntervalHasStatsmodelsStandardErrorWithTheWiderLag) {
    ASSERT_EQ(k_fixed_b_lag_reference.size(), k_newey_west_reference.size());
    for (std::size_t i = 0; i < k_fixed_b_lag_reference.size(); ++i) {
        const NeweyWestReference& series = k_newey_west_reference[i];
        const FixedBLagReference& ref = k_fixed_b_lag_reference[i];
        SCOPED_TRACE(ref.name);
        const LinearFit fit = fixed_b_regression(series.x, series.y);
        EXPECT_EQ(fit.lags, ref.lags);
        EXPECT_NEAR(fit.slope, series.slope, 1e-8 * (std::fabs(series.slope) + ref.stderr_slope));
        EXPECT_NEAR(fit.slope_stderr, ref.stderr_slope, 1e-8 * ref.stderr_slope);
        const double b = static_cast<double>(ref.lags + 1) / static_cast<double>(fit.n);
        const double half = fixed_b_critical_value(b, 0.95, fit.n) * ref.stderr_slope;
        EXPECT_NEAR(fit.low, series.slope - half, 1e-7 * half);
        EXPECT_NEAR(fit.high, series.slope + half, 1e-7 * half);
        // Wider than the Student t interval of the same standard error.
        EXPECT_GT(half,
                  student_t_quantile(0.975, static_cast<double>(fit.n - 2)) * ref.stderr_slope);
    }
    const std::vector<double> x{0, 1};
    const std::vector<double> y{1, 3};
    const LinearFit few = fixed_b_regression(x, y);
    EXPECT_EQ(few.low, 2);
    EXPECT_EQ(few.high, 2);
}

}  // namespace
}  // namespace caws::stats
