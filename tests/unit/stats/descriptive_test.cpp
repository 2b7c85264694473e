#include "stats/descriptive.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/mann_whitney_reference.inc"

namespace caws::stats {
namespace {

TEST(Descriptive, QuantilesMatchNumpyLinearInterpolation) {
    for (std::size_t i = 0; i < k_quantile_probabilities.size(); ++i) {
        EXPECT_NEAR(quantile(k_quantile_values, k_quantile_probabilities[i]), k_quantile_expected[i],
                    1e-12 * std::fabs(k_quantile_expected[i]))
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

}  // namespace
}  // namespace caws::stats
