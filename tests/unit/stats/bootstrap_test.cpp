#include "stats/bootstrap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <utility>
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

TEST(Bootstrap, MedianLawMatchesEnumerationOfEveryResample) {
    for (const auto& reference : k_median_law_reference) {
        const std::vector<MedianOutcome> law = bootstrap_median_law(reference.n);
        ASSERT_EQ(law.size(), reference.probability.size()) << reference.n;
        double total = 0;
        for (std::size_t i = 0; i < law.size(); ++i) {
            EXPECT_EQ(law[i].lower, reference.lower[i]) << reference.n;
            EXPECT_EQ(law[i].upper, reference.upper[i]) << reference.n;
            EXPECT_NEAR(law[i].probability, reference.probability[i], 1e-12) << reference.n;
            total += law[i].probability;
        }
        EXPECT_NEAR(total, 1.0, 1e-12);
    }
    double total = 0;
    for (const MedianOutcome& o : bootstrap_median_law(64)) total += o.probability;
    EXPECT_NEAR(total, 1.0, 1e-12);
}

TEST(Bootstrap, LargeSamplesResampleToTheSameLaw) {
    // 65 values take the counting path; its percentile interval must land on the exact
    // bootstrap distribution of median(y) / median(x), computed from the law.
    std::vector<double> x;
    std::vector<double> y;
    for (int i = 0; i < 65; ++i) {
        x.push_back(1.0 + 0.01 * i);
        y.push_back(1.1 + 0.013 * i);
    }
    const std::vector<MedianOutcome> law = bootstrap_median_law(65);
    std::vector<std::pair<double, double>> ratio;  // value, probability
    for (const auto& a : law) {
        for (const auto& b : law) {
            ratio.emplace_back((y[b.lower] + y[b.upper]) / (x[a.lower] + x[a.upper]),
                               a.probability * b.probability);
        }
    }
    std::sort(ratio.begin(), ratio.end());
    const auto exact = [&](double q) {
        double cumulative = 0;
        for (const auto& [value, probability] : ratio) {
            cumulative += probability;
            if (cumulative >= q) return value;
        }
        return ratio.back().first;
    };
    BootstrapOptions options;
    options.resamples = 100000;
    options.seed = 8;
    const auto interval = bootstrap_median_ratio(x, y, options);
    ASSERT_TRUE(interval);
    EXPECT_GE(interval->low, exact(0.020));
    EXPECT_LE(interval->low, exact(0.030));
    EXPECT_GE(interval->high, exact(0.970));
    EXPECT_LE(interval->high, exact(0.980));
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
