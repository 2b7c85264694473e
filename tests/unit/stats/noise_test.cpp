#include "stats/noise.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(Noise, CoefficientOfVariationMatchesScipyVariation) {
    EXPECT_NEAR(coefficient_of_variation(k_noise_values), k_noise_cv, 1e-12 * k_noise_cv);
}

TEST(Noise, MedianAbsoluteDeviationMatchesScipyUnscaled) {
    EXPECT_NEAR(median_absolute_deviation(k_noise_values), k_noise_mad, 1e-12 * k_noise_mad);
    EXPECT_DOUBLE_EQ(median_absolute_deviation(std::vector<double>{1, 2, 3, 4, 100}), 1.0);
}

TEST(Noise, TukeyFencesUseNumpyQuartiles) {
    const TukeyFences fences = tukey_fences(k_noise_values);
    EXPECT_NEAR(fences.low, k_noise_fence_low, 1e-12 * std::fabs(k_noise_fence_low));
    EXPECT_NEAR(fences.high, k_noise_fence_high, 1e-12 * std::fabs(k_noise_fence_high));
    EXPECT_EQ(count_outliers(k_noise_values, fences), k_noise_outliers);
    EXPECT_GE(k_noise_outliers, 1U);  // the 9.0 planted among values near 1
}

TEST(Noise, WithoutOutliersKeepsTheOrderOfTheRest) {
    const std::vector<double> values{10, 11, 50, 9, 10.5, 10.2, 9.8};
    const TukeyFences fences = tukey_fences(values);
    EXPECT_TRUE(is_outlier(50, fences));
    EXPECT_EQ(without_outliers(values, fences), (std::vector<double>{10, 11, 9, 10.5, 10.2, 9.8}));
}

TEST(Noise, DegenerateInputsReportNothing) {
    const std::vector<double> none;
    EXPECT_TRUE(std::isnan(coefficient_of_variation(none)));
    EXPECT_TRUE(std::isnan(coefficient_of_variation(std::vector<double>{3.0})));
    EXPECT_TRUE(std::isnan(coefficient_of_variation(std::vector<double>{-1.0, 1.0})));
    EXPECT_TRUE(std::isnan(median_absolute_deviation(none)));
    EXPECT_EQ(count_outliers(none, tukey_fences(none)), 0U);
    const std::vector<double> equal{4, 4, 4, 4};
    EXPECT_EQ(count_outliers(equal, tukey_fences(equal)), 0U);
    EXPECT_EQ(coefficient_of_variation(equal), 0.0);
}

}  // namespace
}  // namespace caws::stats
