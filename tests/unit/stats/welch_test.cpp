#include "stats/welch.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(Welch, MatchesScipyTtestIndUnequalVariances) {
    for (const auto& reference : k_welch_reference) {
        const auto result = welch_t_test(reference.x, reference.y);
        ASSERT_TRUE(result) << reference.name;
        EXPECT_NEAR(result->t, reference.t, 1e-9 * std::fabs(reference.t)) << reference.name;
        EXPECT_NEAR(result->df, reference.df, 1e-9 * reference.df) << reference.name;
        EXPECT_NEAR(result->p_value, reference.p_value, 1e-9 * reference.p_value) << reference.name;
    }
}

TEST(Welch, FromSummariesMatchesScipyTtestIndFromStats) {
    for (const auto& reference : k_welch_summary_reference) {
        const auto result =
            welch_t_test(SampleSummary{reference.mean1, reference.stddev1, reference.n1},
                         SampleSummary{reference.mean2, reference.stddev2, reference.n2});
        ASSERT_TRUE(result);
        EXPECT_NEAR(result->t, reference.t, 1e-9 * std::fabs(reference.t));
        EXPECT_NEAR(result->p_value, reference.p_value, 1e-9 * reference.p_value);
    }
}

TEST(Welch, NeedsTwoValuesPerSide) {
    EXPECT_FALSE(welch_t_test(std::vector<double>{1.0}, std::vector<double>{1.0, 2.0}));
    EXPECT_FALSE(welch_t_test(SampleSummary{1, -1, 5}, SampleSummary{1, 1, 5}));
    EXPECT_FALSE(welch_t_test(SampleSummary{1, std::numeric_limits<double>::quiet_NaN(), 5},
                              SampleSummary{1, 1, 5}));
}

TEST(Welch, ZeroVarianceIsAnExactDifference) {
    const auto differ =
        welch_t_test(std::vector<double>{100, 100, 100}, std::vector<double>{105, 105});
    ASSERT_TRUE(differ);
    EXPECT_EQ(differ->p_value, 0.0);
    EXPECT_TRUE(std::isinf(differ->t));
    EXPECT_GT(differ->t, 0);
    const auto same = welch_t_test(std::vector<double>{7, 7}, std::vector<double>{7, 7, 7});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->p_value, 1.0);
}

TEST(StudentT, QuantilesMatchScipy) {
    for (const auto& reference : k_student_t_reference) {
        const double df =
            reference.df == 0 ? std::numeric_limits<double>::infinity() : reference.df;
        EXPECT_NEAR(student_t_quantile(reference.p, df), reference.quantile,
                    1e-9 * std::fabs(reference.quantile))
            << reference.p << " " << reference.df;
        // The tail at the quantile gives the probability back (to scipy's quantile precision).
        const double tail = 2 * std::min(reference.p, 1 - reference.p);
        EXPECT_NEAR(student_t_two_sided_p(reference.quantile, df), tail, 1e-8 * tail);
    }
}

}  // namespace
}  // namespace caws::stats
