#include "stats/descriptive.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/mann_whitney_reference.inc"
#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(Descriptive, QuantilesMatchNumpyLinearInterpolation) {
    for (std::size_t i = 0; i < k_quantile_probabilities.size(); ++i) {
        EXPECT_NEAR(quantile(k_quantile_values, k_quantile_probabilities[i]),
                    k_quantile_expected[i], 1e-12 * std::fabs(k_quantile_expected[i]))
            << "p = " << k_quantile_probabilities[i];
    }
}

TEST(Descriptive, MedianAndStddevMatchNumpy) {
    EXPECT_DOUBLE_EQ(median(k_median_even_values), k_median_even_expected);
    EXPECT_NEAR(sample_stddev(k_median_even_values), k_stddev_even_expected, 1e-12);
    EXPECT_DOUBLE_EQ(median(std::vector<double>{3, 1, 2}), 2);
}

TEST(Descriptive, MedianOfManyValuesUsesTheHeapPath) {
    std::vector<double> values;
    for (int i = 0; i < 101; ++i) values.push_back(100 - i);
    EXPECT_DOUBLE_EQ(median(values), 50);
    values.push_back(-1);
    EXPECT_DOUBLE_EQ(median(values), 49.5);
}

TEST(Descriptive, EmptyInputsGiveNaN) {
    const std::vector<double> none;
    EXPECT_TRUE(std::isnan(median(none)));
    EXPECT_TRUE(std::isnan(mean(none)));
    EXPECT_TRUE(std::isnan(quantile(none, 0.5)));
    EXPECT_EQ(sample_stddev(std::vector<double>{4.0}), 0.0);
}

TEST(Descriptive, MedianUnbiasedQuantilesMatchNumpyType8) {
    for (std::size_t i = 0; i < k_type8_probabilities.size(); ++i) {
        EXPECT_NEAR(
            quantile(k_noise_values, k_type8_probabilities[i], QuantileMethod::median_unbiased),
            k_type8_expected[i], 1e-12 * std::fabs(k_type8_expected[i]))
            << "p = " << k_type8_probabilities[i];
        EXPECT_NEAR(quantile(k_type8_small_values, k_type8_probabilities[i],
                             QuantileMethod::median_unbiased),
                    k_type8_small_expected[i], 1e-12 * std::fabs(k_type8_small_expected[i]))
            << "p = " << k_type8_probabilities[i];
    }
}

TEST(Descriptive, GeometricMeanMatchesScipyAndRejectsNonPositiveValues) {
    EXPECT_NEAR(geometric_mean(k_noise_values), k_noise_gmean, 1e-12 * k_noise_gmean);
    EXPECT_TRUE(std::isnan(geometric_mean(std::vector<double>{1.0, 0.0, 2.0})));
    EXPECT_TRUE(std::isnan(geometric_mean(std::vector<double>{})));
    EXPECT_DOUBLE_EQ(geometric_mean(std::vector<double>{2.0, 8.0}), 4.0);
}

TEST(Descriptive, SampleVarianceIsTheSquaredStddev) {
    EXPECT_NEAR(sample_variance(k_median_even_values),
                k_stddev_even_expected * k_stddev_even_expected, 1e-12);
    EXPECT_EQ(sample_variance(std::vector<double>{7.0}), 0.0);
}

}  // namespace
}  // namespace caws::stats
