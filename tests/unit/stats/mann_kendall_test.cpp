#include "stats/mann_kendall.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "reference/trend_reference.inc"
#include "stats/theil_sen.hpp"

namespace caws::stats {
namespace {

double relative(double a, double b) {
    return std::fabs(a - b) / std::fmax(1e-300, std::fmax(std::fabs(a), std::fabs(b)));
}

TEST(MannKendall, MatchesTheReferenceImplementationAndScipy) {
    for (const TrendReference& ref : k_trend_reference) {
        SCOPED_TRACE(ref.name);
        const MannKendall mk = mann_kendall(ref.values);
        EXPECT_EQ(mk.s, ref.s);
        EXPECT_LT(relative(mk.variance, ref.variance), 1e-12);
        EXPECT_NEAR(mk.z, ref.z, 1e-12);
        EXPECT_NEAR(mk.tau, ref.tau, 1e-12);
        if (mk.exact) {
            // scipy.stats.kendalltau is exact for these (no ties, n <= 33).
            EXPECT_LT(relative(mk.p_value, ref.p_kendalltau), 1e-9);
        } else {
            EXPECT_LT(relative(mk.p_value, ref.p_normal), 1e-9);
        }
    }
}

TEST(MannKendall, ExactOnlyWithoutTiesUpTo33Values) {
    EXPECT_TRUE(mann_kendall(k_trend_reference[1].values).exact);   // 25, no ties
    EXPECT_FALSE(mann_kendall(k_trend_reference[0].values).exact);  // 40 values
    EXPECT_FALSE(mann_kendall(k_trend_reference[3].values).exact);  // ties
}

TEST(MannKendall, TiesUseTheCorrectedVariance) {
    const std::vector<double> values{1, 1, 2, 2, 2, 3};
    const MannKendall mk = mann_kendall(values);
    // S: pairs (1,2) x6, (1,3) x2, (2,3) x3 = 11; ties: one group of 2, one of 3.
    EXPECT_EQ(mk.s, 11);
    EXPECT_DOUBLE_EQ(mk.variance, (6.0 * 5 * 17 - 2.0 * 1 * 9 - 3.0 * 2 * 11) / 18);
}

TEST(MannKendall, ShortOrConstantSeriesHaveNoTrend) {
    EXPECT_EQ(mann_kendall(std::vector<double>{1, 2}).p_value, 1.0);
    const MannKendall constant = mann_kendall(std::vector<double>{4, 4, 4, 4, 4});
    EXPECT_EQ(constant.s, 0);
    EXPECT_EQ(constant.p_value, 1.0);
    EXPECT_EQ(constant.tau, 0);
}

TEST(MannKendall, ExactDistributionOfThreeValues) {
    // Six orders of 3 values: inversions 0:1, 1:2, 2:2, 3:1. At most 0 discordant pairs:
    // 1/6, two-sided 1/3.
    EXPECT_NEAR(mann_kendall_exact_p(3, 0), 1.0 / 3, 1e-15);
    EXPECT_NEAR(mann_kendall_exact_p(3, 3), 1.0 / 3, 1e-15);
    EXPECT_EQ(mann_kendall_exact_p(3, 1), 1.0);
}

TEST(TheilSen, MatchesScipyTheilslopes) {
    for (const TrendReference& ref : k_trend_reference) {
        SCOPED_TRACE(ref.name);
        const TheilSen ts = theil_sen(ref.values);
        EXPECT_LT(relative(ts.slope, ref.slope), 1e-9);
        EXPECT_LT(relative(ts.intercept, ref.intercept), 1e-9);
        EXPECT_LT(relative(ts.low, ref.low), 1e-9);
        EXPECT_LT(relative(ts.high, ref.high), 1e-9);
    }
}

TEST(TheilSen, LongSeriesGiveTheSameSlopesAsAllPairs) {
    // 1,000 values: 499,500 pairs, beyond the all-pairs limit.
    std::vector<double> values;
    for (int i = 0; i < 1000; ++i) values.push_back(0.01 * i + std::sin(i * 1.7) * 3);
    const TheilSen fast = theil_sen(values);
    std::vector<double> slopes;
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (std::size_t j = i + 1; j < values.size(); ++j) {
            slopes.push_back((values[j] - values[i]) * (1.0 / static_cast<double>(j - i)));
        }
    }
    std::sort(slopes.begin(), slopes.end());
    const std::size_t n = slopes.size();
    EXPECT_DOUBLE_EQ(fast.slope, (slopes[(n - 1) / 2] + slopes[n / 2]) / 2);
    EXPECT_LT(fast.low, fast.slope);
    EXPECT_GT(fast.high, fast.slope);
    EXPECT_TRUE(std::find(slopes.begin(), slopes.end(), fast.low) != slopes.end());
    EXPECT_TRUE(std::find(slopes.begin(), slopes.end(), fast.high) != slopes.end());
}

TEST(TheilSen, OneValueHasNoSlope) {
    const TheilSen ts = theil_sen(std::vector<double>{3});
    EXPECT_EQ(ts.slope, 0);
    EXPECT_EQ(ts.intercept, 3);
}

}  // namespace
}  // namespace caws::stats
