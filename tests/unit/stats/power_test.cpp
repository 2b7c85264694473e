#include "stats/power.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(Power, MinimumDetectableShiftMatchesScipyQuantiles) {
    for (const auto& reference : k_power_reference) {
        const double shift =
            minimum_detectable_shift(reference.sigma, reference.n1, reference.n2, reference.df,
                                     reference.alpha, reference.power);
        EXPECT_NEAR(shift, reference.shift, 1e-9 * reference.shift);
        // The approximation is close to the exact non-central t power.
        EXPECT_NEAR(reference.exact_power, reference.power, 0.015);
    }
}

TEST(Power, RepetitionsNeededMatchALinearSearch) {
    for (const auto& reference : k_repetitions_reference) {
        const auto n = repetitions_needed(reference.sigma, reference.shift, reference.alpha,
                                          reference.power, reference.extra_df);
        ASSERT_TRUE(n);
        EXPECT_EQ(*n, reference.n) << reference.sigma << " " << reference.alpha;
    }
}

TEST(Power, EdgeCases) {
    EXPECT_EQ(repetitions_needed(0.0, 0.1, 0.05), std::optional<std::size_t>(2));
    EXPECT_FALSE(repetitions_needed(1.0, 0.0, 0.05));
    EXPECT_FALSE(repetitions_needed(std::numeric_limits<double>::quiet_NaN(), 0.1, 0.05));
    EXPECT_FALSE(repetitions_needed(10.0, 0.001, 0.05, 0.8, 0, 1000));
    EXPECT_TRUE(std::isnan(minimum_detectable_shift(0.1, 0, 5, 3, 0.05)));
    // Normal quantiles for infinite df: (1.959964 + 0.841621) sqrt(2 / 10)
    EXPECT_NEAR(
        minimum_detectable_shift(1.0, 10, 10, std::numeric_limits<double>::infinity(), 0.05, 0.8),
        (1.959963984540054 + 0.8416212335729143) * std::sqrt(0.2), 1e-12);
}

}  // namespace
}  // namespace caws::stats
