#include "stats/run_spread.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "reference/run_spread_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

TEST(RunSpread, LogSpreadMatchesNumpy) {
    for (const auto& reference : k_log_spread_reference) {
        const auto spread = log_spread(reference.values);
        ASSERT_TRUE(spread);
        EXPECT_EQ(spread->runs, reference.values.size());
        EXPECT_NEAR(spread->mean, reference.mean, 1e-12 * std::fabs(reference.mean));
        EXPECT_NEAR(spread->variance, reference.variance, 1e-9 * reference.variance);
        EXPECT_EQ(spread->df, reference.df);
    }
}

TEST(RunSpread, LogSpreadOfOneRunHasNoVarianceAndBadValuesNone) {
    const auto one = log_spread(std::vector<double>{4.0});
    ASSERT_TRUE(one);
    EXPECT_EQ(one->runs, 1u);
    EXPECT_DOUBLE_EQ(one->mean, std::log(4.0));
    EXPECT_EQ(one->variance, 0);
    EXPECT_EQ(one->df, 0);
    EXPECT_FALSE(log_spread(std::vector<double>{}));
    EXPECT_FALSE(log_spread(std::vector<double>{1.0, 0.0}));
    EXPECT_FALSE(log_spread(std::vector<double>{1.0, -2.0}));
    EXPECT_FALSE(log_spread(std::vector<double>{1.0, std::numeric_limits<double>::infinity()}));
}

TEST(RunSpread, LogRangeMatchesScipysRobustSpread) {
    for (const auto& reference : k_log_range_reference) {
        const auto range = log_range(reference.values);
        ASSERT_TRUE(range);
        EXPECT_EQ(range->runs, reference.values.size());
        EXPECT_NEAR(range->low, reference.low, 1e-13 * std::fabs(reference.low));
        EXPECT_NEAR(range->high, reference.high, 1e-13 * std::fabs(reference.high));
        EXPECT_NEAR(range->robust_sd, reference.robust_sd, 1e-12);
    }
    // A few slow runs widen the range, not the robust spread of the usual ones.
    const auto& slow = k_log_range_reference.front();
    EXPECT_GT(slow.high - slow.low, 0.6);
    const auto all = log_spread(slow.values);
    ASSERT_TRUE(all);
    EXPECT_GT(std::sqrt(all->variance), 0.25);
    EXPECT_LT(slow.robust_sd, 0.1);
}

TEST(RunSpread, LogRangeOfBadValuesIsEmpty) {
    EXPECT_FALSE(log_range(std::vector<double>{}));
    EXPECT_FALSE(log_range(std::vector<double>{1.0, 0.0}));
    EXPECT_FALSE(log_range(std::vector<double>{1.0, std::numeric_limits<double>::quiet_NaN()}));
}

TEST(RunSpread, PredictionIntervalMatchesScipy) {
    for (const auto& r : k_prediction_reference) {
        const auto interval = prediction_interval(r.centre, r.sd, r.df, r.k, r.level);
        ASSERT_TRUE(interval);
        const double tolerance = 1e-9 * std::max(1.0, std::fabs(r.centre));
        EXPECT_NEAR(interval->low, r.low, tolerance) << r.df << " " << r.k;
        EXPECT_NEAR(interval->high, r.high, tolerance) << r.df << " " << r.k;
        EXPECT_NEAR(interval->half_width, (r.high - r.low) / 2, tolerance);
    }
}

TEST(RunSpread, PredictionIntervalRejectsWhatItCannotUse) {
    EXPECT_FALSE(prediction_interval(0, 0.1, 0, 5, 0.95));   // no degrees of freedom
    EXPECT_FALSE(prediction_interval(0, -0.1, 4, 5, 0.95));  // negative sd
    EXPECT_FALSE(prediction_interval(0, 0.1, 4, 0, 0.95));   // no run behind the centre
    EXPECT_FALSE(prediction_interval(0, 0.1, 4, 5, 1.0));
    EXPECT_FALSE(prediction_interval(0, 0.1, 4, 5, 0.0));
    EXPECT_FALSE(prediction_interval(std::numeric_limits<double>::quiet_NaN(), 0.1, 4, 5, 0.95));
}

// The interval holds a new run's median as often as it says, when runs vary normally: the
// centre's own uncertainty (the 1/k) and the estimated sd (the t quantile) are accounted.
TEST(RunSpread, PredictionIntervalCoversANewRunAtItsLevel) {
    Random random(20261207);
    constexpr int k_trials = 40000;
    for (const std::size_t k : {2u, 5u, 10u}) {
        int covered = 0;
        for (int trial = 0; trial < k_trials; ++trial) {
            std::vector<double> runs(k);
            for (double& value : runs) value = std::exp(0.05 * random.normal());
            const auto spread = log_spread(runs);
            const auto interval =
                prediction_interval(spread->mean, std::sqrt(spread->variance), spread->df, k, 0.95);
            const double next = 0.05 * random.normal();
            covered += next >= interval->low && next <= interval->high ? 1 : 0;
        }
        // 95% of 40000 with a binomial sd of 0.11%: within 0.5 points.
        EXPECT_NEAR(static_cast<double>(covered) / k_trials, 0.95, 0.005) << "k = " << k;
    }
}

TEST(RunSpread, ModerationMatchesAnIndependentImplementation) {
    for (const auto& r : k_moderation_reference) {
        const ModeratedVariances out = moderate_variances(r.variances, r.dfs, 10);
        ASSERT_TRUE(out.prior) << r.name;
        if (r.prior_df_infinite) {
            EXPECT_TRUE(std::isinf(out.prior->df)) << r.name;
        } else {
            EXPECT_NEAR(out.prior->df, r.prior_df, 1e-8 * r.prior_df) << r.name;
        }
        EXPECT_NEAR(out.prior->variance, r.prior_variance, 1e-9 * r.prior_variance) << r.name;
        ASSERT_EQ(out.posterior.size(), r.posterior.size());
        for (std::size_t i = 0; i < r.posterior.size(); ++i) {
            EXPECT_NEAR(out.posterior[i].variance, r.posterior[i], 1e-9 * r.posterior[i])
                << r.name << " " << i;
            EXPECT_NEAR(out.posterior[i].df, r.posterior_df[i], 1e-8 * r.posterior_df[i])
                << r.name << " " << i;
            EXPECT_TRUE(std::isfinite(out.posterior[i].df));
        }
    }
}

TEST(RunSpread, TooFewMetricsKeepTheirOwnVariances) {
    const std::vector<double> variances{0.001, 0.004, 0.0};
    const std::vector<double> dfs{4, 4, 0};
    const ModeratedVariances out = moderate_variances(variances, dfs, 10);
    EXPECT_FALSE(out.prior);
    ASSERT_EQ(out.posterior.size(), 3u);
    EXPECT_EQ(out.posterior[0].variance, 0.001);
    EXPECT_EQ(out.posterior[1].df, 4);
    EXPECT_EQ(out.posterior[2].df, 0);
}

}  // namespace
}  // namespace caws::stats
