#include "stats/statistic_bootstrap.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "reference/smoothed_bootstrap_reference.inc"
#include "reference/statistic_bootstrap_reference.inc"
#include "stats/descriptive.hpp"
#include "support/bca_checks.hpp"

namespace caws::stats {
namespace {

SampleStatistic statistic_named(const std::string& name) {
    if (name == "mean") return {SampleStatistic::Kind::mean, 0};
    if (name == "min") return {SampleStatistic::Kind::quantile, 0};
    if (name == "max") return {SampleStatistic::Kind::quantile, 1};
    return {SampleStatistic::Kind::quantile, std::stod(name.substr(1)) / 100};
}

TEST(StatisticBootstrap, QuantilesAreNumpysLinearPercentiles) {
    const std::vector<double> ps{0, 0.10, 0.50, 0.90, 0.95, 0.99, 1};
    for (std::size_t i = 0; i < ps.size(); ++i) {
        std::vector<double> copy = k_sb_x;
        const double value = evaluate_in_place(copy, {SampleStatistic::Kind::quantile, ps[i]});
        EXPECT_NEAR(value, k_sb_x_percentiles[i], 1e-14 * k_sb_x_percentiles[i]) << ps[i];
        // Bit for bit what the comparator's statistic (stats::quantile) gives.
        EXPECT_EQ(value, quantile(k_sb_x, ps[i])) << ps[i];
    }
    std::vector<double> copy = k_sb_x;
    EXPECT_EQ(evaluate_in_place(copy, {}), mean(k_sb_x));
}

TEST(StatisticBootstrap, JackknifeMatchesLeavingEachValueOut) {
    for (const GivenBootstrapReference& r : k_given_bootstrap) {
        const SampleStatistic statistic = statistic_named(r.statistic);
        const std::vector<double> jx = jackknife_values(k_sb_x, statistic);
        const std::vector<double> jy = jackknife_values(k_sb_y, statistic);
        ASSERT_EQ(jx.size(), r.jackknife_x.size());
        ASSERT_EQ(jy.size(), r.jackknife_y.size());
        for (std::size_t i = 0; i < jx.size(); ++i) {
            EXPECT_NEAR(jx[i], r.jackknife_x[i], 1e-13) << r.statistic << " " << i;
        }
        for (std::size_t i = 0; i < jy.size(); ++i) {
            EXPECT_NEAR(jy[i], r.jackknife_y[i], 1e-13) << r.statistic << " " << i;
        }
    }
}

// The jackknife of the ratio y/x, as scipy forms it for two samples.
std::vector<std::vector<double>> ratio_jackknife(const GivenBootstrapReference& r) {
    const SampleStatistic statistic = statistic_named(r.statistic);
    std::vector<double> x = k_sb_x;
    std::vector<double> y = k_sb_y;
    const double sx = evaluate_in_place(x, statistic);
    const double sy = evaluate_in_place(y, statistic);
    std::vector<std::vector<double>> out{r.jackknife_x, r.jackknife_y};
    for (double& v : out[0]) v = sy / v;
    for (double& v : out[1]) v = v / sx;
    return out;
}

TEST(StatisticBootstrap, BcaOfAGivenDistributionIsScipys) {
    for (const GivenBootstrapReference& r : k_given_bootstrap) {
        const auto jackknife = ratio_jackknife(r);
        test::expect_scipys_bca(r, jackknife);
    }
}

TEST(StatisticBootstrap, BcaIsUndefinedWhenTheEstimateIsOutsideEveryReplicate) {
    const std::vector<double> replicates{1.1, 1.2, 1.3};
    const std::vector<std::vector<double>> jackknife{{1.0, 1.1, 1.2}, {1.0, 1.3}};
    EXPECT_FALSE(bca_levels(replicates, 1.0, jackknife, 0.95));
    // Jackknife values that do not vary: the acceleration is 0 / 0.
    const std::vector<std::vector<double>> flat{{1.2, 1.2}, {1.2, 1.2}};
    EXPECT_FALSE(bca_levels(replicates, 1.2, flat, 0.95));
}

TEST(StatisticBootstrap, EndToEndAgreesWithScipyBootstrapWithinMonteCarloError) {
    for (const EndToEndReference& r : k_end_to_end) {
        RatioBootstrapOptions options;
        options.resamples = k_end_to_end_resamples;
        options.seed = 3;
        const auto result =
            bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(r.statistic), options);
        ASSERT_TRUE(result) << r.statistic;
        EXPECT_TRUE(result->bca) << r.statistic;
        test::expect_within_monte_carlo(result->interval, r);
    }
}

TEST(StatisticBootstrap, PermutationPValueAgreesWithScipyWithinMonteCarloError) {
    for (const PermutationReference& r : k_permutation) {
        RatioBootstrapOptions options;
        options.resamples = k_permutation_resamples;
        options.seed = 5;
        const auto result =
            bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(r.statistic), options);
        ASSERT_TRUE(result);
        EXPECT_NEAR(result->p_value, r.p_value, 5 * std::sqrt(2.0) * r.spread) << r.statistic;
    }
}

TEST(StatisticBootstrap, TheIntervalContainsTheRatioAndTheSeedFixesEverything) {
    for (const char* name : {"mean", "p90", "p95", "p99", "min", "max"}) {
        RatioBootstrapOptions options;
        options.seed = 17;
        options.bca = std::string(name) != "min" && std::string(name) != "max";
        const auto a = bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(name), options);
        const auto b = bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(name), options);
        ASSERT_TRUE(a && b);
        EXPECT_LE(a->interval.low, a->ratio) << name;
        EXPECT_GE(a->interval.high, a->ratio) << name;
        EXPECT_EQ(a->interval.low, b->interval.low);
        EXPECT_EQ(a->interval.high, b->interval.high);
        EXPECT_EQ(a->p_value, b->p_value);
        EXPECT_EQ(a->bca, options.bca) << name;
        EXPECT_GT(a->log_standard_error, 0);
        EXPECT_GE(a->p_value, 1.0 / 2001);
    }
}

TEST(StatisticBootstrap, TheSmoothingIsSilvermansRuleOnTheLogs) {
    for (const auto& [values, ref] :
         {std::pair{&k_sb_x, k_smoothing_x}, {&k_sb_y, k_smoothing_y}}) {
        const SmoothedSample s = smoothed_sample(*values);
        ASSERT_EQ(s.logs.size(), values->size());
        EXPECT_NEAR(s.mean, ref.mean, 1e-13);
        EXPECT_NEAR(s.bandwidth, ref.bandwidth, 1e-13);
        EXPECT_NEAR(s.shrink, ref.shrink, 1e-13);
    }
    // Values all equal: no spread to smooth.
    const SmoothedSample flat = smoothed_sample(std::vector<double>{2, 2, 2});
    EXPECT_EQ(flat.bandwidth, 0);
    EXPECT_EQ(flat.shrink, 1);
}

TEST(StatisticBootstrap, SmoothedIntervalAgreesWithNumpyWithinMonteCarloError) {
    for (const SmoothedReference& r : k_smoothed) {
        RatioBootstrapOptions options;
        options.resamples = k_smoothed_resamples;
        options.seed = 11;
        options.smoothed = true;
        const auto result =
            bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(r.statistic), options);
        ASSERT_TRUE(result) << r.statistic;
        EXPECT_TRUE(result->smoothed);
        EXPECT_FALSE(result->bca);
        test::expect_within_monte_carlo(result->interval, r);
    }
}

TEST(StatisticBootstrap, SmoothingReachesPastTheSampleAndKeepsThePermutations) {
    // The plain bootstrap's maximum never exceeds the sample's, so its upper end for the
    // maximum's ratio is at most max(y) / min over resamples of max(x*); the smoothed one
    // goes further, and the p-value (the same resampled indices, then the same
    // permutations) does not change.
    for (const char* name : {"p99", "max"}) {
        RatioBootstrapOptions plain;
        plain.bca = false;
        plain.seed = 23;
        RatioBootstrapOptions smoothed = plain;
        smoothed.smoothed = true;
        const auto a = bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(name), plain);
        const auto b = bootstrap_statistic_ratio(k_sb_x, k_sb_y, statistic_named(name), smoothed);
        ASSERT_TRUE(a && b);
        EXPECT_GT(b->interval.high - b->interval.low, a->interval.high - a->interval.low) << name;
        EXPECT_EQ(a->p_value, b->p_value) << name;
        EXPECT_EQ(a->ratio, b->ratio) << name;
    }
}

TEST(StatisticBootstrap, TheMeanIsNeverSmoothed) {
    // The mean of the logs is not the log of the mean: BCa stays.
    RatioBootstrapOptions options;
    options.smoothed = true;
    const auto r =
        bootstrap_statistic_ratio(k_sb_x, k_sb_y, {SampleStatistic::Kind::mean, 0}, options);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->smoothed);
    EXPECT_TRUE(r->bca);
}

TEST(StatisticBootstrap, AnIntervalMissingTheRatioIsWidenedToIt) {
    // A 0.01% percentile interval is about the median of the replicates: the bootstrap's bias
    // puts the observed ratio of means outside it, and the interval is stretched to it.
    RatioBootstrapOptions options;
    options.bca = false;
    options.confidence = 0.0001;
    const auto r =
        bootstrap_statistic_ratio(k_sb_x, k_sb_y, {SampleStatistic::Kind::mean, 0}, options);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->widened);
    EXPECT_TRUE(r->interval.low == r->ratio || r->interval.high == r->ratio)
        << r->interval.low << " " << r->ratio << " " << r->interval.high;
}

TEST(StatisticBootstrap, ARealTailChangeIsSignificantAndNoChangeIsNot) {
    // Same bulk, a heavier tail in y: the p95 ratio is about 1.6.
    std::vector<double> x(500);
    std::vector<double> y(500);
    for (std::size_t i = 0; i < 500; ++i) {
        const double u = (static_cast<double>(i) + 0.5) / 500;
        x[i] = 100 / (1 - 0.9 * u);
        y[i] = u < 0.8 ? x[i] : x[i] * (1 + 4 * (u - 0.8));
    }
    const SampleStatistic p95{SampleStatistic::Kind::quantile, 0.95};
    const auto changed = bootstrap_statistic_ratio(x, y, p95);
    ASSERT_TRUE(changed);
    EXPECT_GT(changed->ratio, 1.5);
    EXPECT_LT(changed->p_value, 0.001);
    EXPECT_GT(changed->interval.low, 1.2);
    const auto same = bootstrap_statistic_ratio(x, x, p95);
    ASSERT_TRUE(same);
    EXPECT_EQ(same->ratio, 1.0);
    EXPECT_EQ(same->p_value, 1.0);
}

TEST(StatisticBootstrap, RefusesTooFewOrNonPositiveValues) {
    const std::vector<double> one{1.0};
    const std::vector<double> two{1.0, 2.0};
    const std::vector<double> zero{0.0, 2.0};
    EXPECT_FALSE(bootstrap_statistic_ratio(one, two, {}));
    EXPECT_FALSE(bootstrap_statistic_ratio(two, zero, {}));
    RatioBootstrapOptions none;
    none.resamples = 0;
    EXPECT_FALSE(bootstrap_statistic_ratio(two, two, {}, none));
}

}  // namespace
}  // namespace caws::stats
