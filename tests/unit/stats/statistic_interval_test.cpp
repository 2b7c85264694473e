#include "stats/statistic_interval.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace caws::stats {
namespace {

// Reference values: tests/reference/statistic_interval.py (scipy.stats.binom, t).
const std::vector<double> k_values = {12.0, 3.5, 7.25, 9.0, 1.5, 4.0,
                                      11.0, 6.5, 8.0,  2.0, 5.0, 10.5};

TEST(QuantileInterval, MedianUsesBinomialOrderStatistics) {
    const auto ci = quantile_interval(k_values, 0.5, 0.95);
    ASSERT_TRUE(ci);
    EXPECT_EQ(ci->low, 3.5);    // x(3)
    EXPECT_EQ(ci->high, 10.5);  // x(10)
    const auto ninety = quantile_interval(k_values, 0.5, 0.9);
    ASSERT_TRUE(ninety);
    EXPECT_EQ(ninety->low, 3.5);
    EXPECT_EQ(ninety->high, 10.5);
}

TEST(QuantileInterval, EmptyWhenTheSampleIsTooSmall) {
    EXPECT_FALSE(quantile_interval(k_values, 0.9, 0.8));
    EXPECT_FALSE(quantile_interval(k_values, 0.25, 0.95));
    EXPECT_FALSE(quantile_interval(std::vector<double>{1, 2, 3, 4, 5}, 0.5, 0.95));
    const auto six = quantile_interval(std::vector<double>{6, 5, 4, 3, 2, 1}, 0.5, 0.95);
    ASSERT_TRUE(six);
    EXPECT_EQ(six->low, 1);
    EXPECT_EQ(six->high, 6);
    EXPECT_FALSE(quantile_interval({}, 0.5, 0.95));
}

TEST(MeanInterval, MatchesStudentT) {
    const auto ci = mean_interval(k_values, 0.95);
    ASSERT_TRUE(ci);
    EXPECT_NEAR(ci->low, 4.437940322677102, 1e-9);
    EXPECT_NEAR(ci->high, 8.937059677322898, 1e-9);
    EXPECT_FALSE(mean_interval(std::vector<double>{1.0}, 0.95));
}

}  // namespace
}  // namespace caws::stats
