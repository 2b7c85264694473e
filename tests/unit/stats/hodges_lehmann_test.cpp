#include "stats/hodges_lehmann.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/rank_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

TEST(HodgesLehmann, MatchesBruteForceReference) {
    for (const auto& reference : k_hodges_lehmann_reference) {
        const ShiftEstimate result = hodges_lehmann(reference.x, reference.y, reference.confidence);
        EXPECT_NEAR(result.estimate, reference.estimate,
                    1e-12 * std::fabs(reference.estimate) + 1e-15)
            << reference.name;
        EXPECT_EQ(result.exact, reference.exact) << reference.name;
        ASSERT_EQ(result.interval.has_value(), reference.has_interval) << reference.name;
        if (!reference.has_interval) continue;
        EXPECT_DOUBLE_EQ(result.interval->low, reference.low) << reference.name;
        EXPECT_DOUBLE_EQ(result.interval->high, reference.high) << reference.name;
        EXPECT_NEAR(result.confidence, reference.achieved, 1e-9 * reference.achieved)
            << reference.name;
    }
}

TEST(HodgesLehmann, ExactRanksOfCommonSizes) {
    // 10 vs 10 at 95%: P(U <= 23) = 0.0216 <= 0.025 < P(U <= 24), so k = 24.
    const IntervalRank ten = hodges_lehmann_exact_rank(10, 10, 0.95);
    EXPECT_EQ(ten.k, 24U);
    EXPECT_NEAR(ten.confidence, 0.9567429474550218, 1e-12);
    // 5 vs 5: k = 3, 96.8% (2 P(U <= 2) = 2 * 4 / 252).
    const IntervalRank five = hodges_lehmann_exact_rank(5, 5, 0.95);
    EXPECT_EQ(five.k, 3U);
    EXPECT_NEAR(five.confidence, 1 - 8.0 / 252, 1e-12);
    EXPECT_EQ(hodges_lehmann_exact_rank(2, 2, 0.95).k, 0U);
}

TEST(HodgesLehmann, LargeSamplesSelectInsteadOfSorting) {
    Random random(7);
    std::vector<double> x(1000);
    std::vector<double> y(1000);
    for (double& v : x) v = random.normal();
    for (double& v : y) v = random.normal() + 0.5;
    const ShiftEstimate result = hodges_lehmann(x, y);
    EXPECT_FALSE(result.exact);
    ASSERT_TRUE(result.interval);
    EXPECT_LT(result.interval->low, result.estimate);
    EXPECT_GT(result.interval->high, result.estimate);
    EXPECT_NEAR(result.estimate, 0.5, 0.1);
    EXPECT_NEAR(result.confidence, 0.95, 0.001);
}

TEST(HodgesLehmann, AllValuesEqualGiveAZeroWidthInterval) {
    const std::vector<double> same(5, 42.0);
    const ShiftEstimate result = hodges_lehmann(same, same);
    EXPECT_EQ(result.estimate, 0.0);
    ASSERT_TRUE(result.interval);
    EXPECT_EQ(result.interval->low, 0.0);
    EXPECT_EQ(result.interval->high, 0.0);
    EXPECT_EQ(result.confidence, 1.0);
}

TEST(HodgesLehmann, EmptySideGivesNoEstimate) {
    const ShiftEstimate result = hodges_lehmann(std::vector<double>{}, std::vector<double>{1.0});
    EXPECT_TRUE(std::isnan(result.estimate));
    EXPECT_FALSE(result.interval);
}

}  // namespace
}  // namespace caws::stats
