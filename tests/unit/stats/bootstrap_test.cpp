#include "stats/bootstrap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "reference/rank_reference.inc"
#include "stats/descriptive.hpp"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// The atom of the exact bootstrap distribution at cumulative probability q.
double exact_quantile(double q) {
    for (std::size_t i = 0; i < k_bootstrap_ratio_cumulative.size(); ++i) {
        if (k_bootstrap_ratio_cumulative[i] >= q) return k_bootstrap_ratio_atoms[i];
    }
    return k_bootstrap_ratio_atoms.back();
}

TEST(Bootstrap, MedianRatioConvergesToTheExactBootstrapDistribution) {
    // With many resamples the percentile interval lies between the atoms of the exact
    // bootstrap distribution around the 2.5% and 97.5% points.
    BootstrapOptions options;
    options.resamples = 200000;
    options.seed = 11;
    const auto interval = bootstrap_median_ratio(k_bootstrap_x, k_bootstrap_y, options);
    ASSERT_TRUE(interval);
    EXPECT_GE(interval->low, exact_quantile(0.020));
    EXPECT_LE(interval->low, exact_quantile(0.030));
    EXPECT_GE(interval->high, exact_quantile(0.970));
    EXPECT_LE(interval->high, exact_quantile(0.980));
}

TEST(Bootstrap, SameSeedSameIntervalOtherSeedOtherDraws) {
    BootstrapOptions options;
    options.seed = 42;
    const auto a = bootstrap_median_ratio(k_bootstrap_x, k_bootstrap_y, options);
    const auto b = bootstrap_median_ratio(k_bootstrap_x, k_bootstrap_y, options);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->low, b->low);
    EXPECT_EQ(a->high, b->high);
    std::vector<double> values;
    Random random(3);
    for (int i = 0; i < 50; ++i) values.push_back(random.normal());
    options.seed = 1;
    const auto m1 = bootstrap_mean(values, options);
    options.seed = 2;
    const auto m2 = bootstrap_mean(values, options);
    ASSERT_TRUE(m1 && m2);
    EXPECT_NE(m1->low, m2->low);
}

TEST(Bootstrap, MeanIntervalIsNearTheNormalTheoryInterval) {
    Random random(5);
    std::vector<double> values;
    for (int i = 0; i < 400; ++i) values.push_back(random.normal() * 2 + 10);
    BootstrapOptions options;
    options.resamples = 4000;
    const auto interval = bootstrap_mean(values, options);
    ASSERT_TRUE(interval);
    const double center = mean(values);
    const double half = 1.96 * sample_stddev(values) / std::sqrt(400.0);
    EXPECT_NEAR(interval->low, center - half, 0.05);
    EXPECT_NEAR(interval->high, center + half, 0.05);
}

TEST(Bootstrap, RefusesWhatItCannotResample) {
    const std::vector<double> none;
    const std::vector<double> some{1, 2, 3};
    const std::vector<double> with_zero{0, 1, 2};
    EXPECT_FALSE(bootstrap_median_ratio(none, some));
    EXPECT_FALSE(bootstrap_median_ratio(with_zero, some));
    BootstrapOptions no_resamples;
    no_resamples.resamples = 0;
    EXPECT_FALSE(bootstrap_mean(some, no_resamples));
    EXPECT_FALSE(bootstrap_mean(none));
}

}  // namespace
}  // namespace caws::stats
