#include "stats/power.hpp"
#include "stats/wilcoxon.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

#include "reference/paired_power_reference.inc"
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

// The attained size against an enumeration of the 2^n sign patterns in Python.
TEST(Power, TheSignedRankTestsAttainedSizeMatchesAnEnumeration) {
    for (const auto& r : k_signed_rank_attained) {
        EXPECT_NEAR(wilcoxon_attained_alpha(r.n, r.alpha), r.attained, 1e-15) << r.n;
        EXPECT_LE(wilcoxon_attained_alpha(r.n, r.alpha), r.alpha);
    }
    EXPECT_EQ(wilcoxon_attained_alpha(k_wilcoxon_exact_limit + 1, 0.05), 0.05);
    EXPECT_EQ(wilcoxon_attained_alpha(10, 0), 0);
}

TEST(Power, PairedMinimumDetectableShiftMatchesScipyQuantiles) {
    for (const auto& r : k_paired_power) {
        const double shift =
            paired_minimum_detectable_shift(r.sigma, r.n, r.alpha, r.power, r.efficiency);
        EXPECT_NEAR(shift, r.shift, 1e-9 * r.shift) << r.sigma << " " << r.n;
        // The approximation is close to the exact one-sample t power (2.3 points short at
        // three pairs, within 0.012 from ten).
        if (!std::isnan(r.exact_power)) {
            EXPECT_NEAR(r.exact_power, r.power, r.n < 10 ? 0.04 : 0.012) << r.n;
        }
    }
    // A rank test's efficiency 3 / pi asks for sqrt(pi / 3) times the shift.
    EXPECT_NEAR(paired_minimum_detectable_shift(0.1, 10, 0.05, 0.8, 3 / std::numbers::pi) /
                    paired_minimum_detectable_shift(0.1, 10, 0.05, 0.8),
                std::sqrt(std::numbers::pi / 3), 1e-12);
}

TEST(Power, PairsNeededMatchALinearSearch) {
    for (const auto& r : k_pairs_needed) {
        const auto n = pairs_needed(r.sigma, r.shift, r.alpha, r.power, r.efficiency);
        ASSERT_TRUE(n);
        EXPECT_EQ(*n, r.n) << r.sigma << " " << r.alpha;
        // The smallest such n: one pair fewer misses the shift.
        if (*n > 2) {
            EXPECT_GT(
                paired_minimum_detectable_shift(r.sigma, *n - 1, r.alpha, r.power, r.efficiency),
                r.shift);
        }
    }
    EXPECT_EQ(pairs_needed(0.0, 0.1, 0.05), std::optional<std::size_t>(2));
    EXPECT_FALSE(pairs_needed(0.1, 0.0, 0.05));
    EXPECT_FALSE(pairs_needed(10.0, 0.001, 0.05, 0.8, 1, 1000));
    EXPECT_TRUE(std::isnan(paired_minimum_detectable_shift(0.1, 1, 0.05)));
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
