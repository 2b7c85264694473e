#include "stats/moderated_t.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(ModeratedT, TrigammaInverseMatchesLimmaAlgorithm) {
    for (std::size_t i = 0; i < k_trigamma_inverse_arguments.size(); ++i) {
        EXPECT_NEAR(trigamma_inverse(k_trigamma_inverse_arguments[i]),
                    k_trigamma_inverse_expected[i], 1e-9 * k_trigamma_inverse_expected[i]);
    }
}

TEST(ModeratedT, PriorAndTestsMatchAnIndependentImplementation) {
    for (const auto& reference : k_moderated_reference) {
        std::vector<double> variances;
        std::vector<double> dfs;
        for (const auto& metric : reference.metrics) {
            const PooledVariance pooled = pooled_variance(summarize(metric.x), summarize(metric.y));
            variances.push_back(pooled.variance);
            dfs.push_back(pooled.df);
        }
        const auto prior = fit_noise_prior(variances, dfs);
        ASSERT_TRUE(prior) << reference.name;
        EXPECT_EQ(prior->measurements, reference.metrics.size());
        if (reference.prior_df_infinite) {
            EXPECT_TRUE(std::isinf(prior->df)) << reference.name;
        } else {
            EXPECT_NEAR(prior->df, reference.prior_df, 1e-9 * reference.prior_df) << reference.name;
        }
        EXPECT_NEAR(prior->variance, reference.prior_variance, 1e-9 * reference.prior_variance)
            << reference.name;
        for (std::size_t i = 0; i < reference.metrics.size(); ++i) {
            const auto result =
                moderated_t_test(reference.metrics[i].x, reference.metrics[i].y, *prior);
            ASSERT_TRUE(result);
            EXPECT_NEAR(result->t, reference.t[i], 1e-9 * std::fabs(reference.t[i])) << i;
            if (reference.prior_df_infinite) {
                EXPECT_TRUE(std::isinf(result->df));
            } else {
                EXPECT_NEAR(result->df, reference.df[i], 1e-9 * reference.df[i]) << i;
            }
            EXPECT_NEAR(result->p_value, reference.p_value[i], 1e-9 * reference.p_value[i]) << i;
        }
    }
}

TEST(ModeratedT, SkipsUnusableVariancesAndNeedsTwo) {
    const std::vector<double> variances{0.0, std::numeric_limits<double>::quiet_NaN(), 0.04, -1};
    const std::vector<double> dfs{4, 4, 4, 4};
    EXPECT_FALSE(fit_noise_prior(variances, dfs));
    const std::vector<double> two{0.04, 0.09};
    const std::vector<double> two_dfs{4, 0};
    EXPECT_FALSE(fit_noise_prior(two, two_dfs));
}

TEST(ModeratedT, OneValuePerSideUsesThePriorAlone) {
    const NoisePrior prior{10, 0.01, 50};
    const auto result = moderated_t_test(std::vector<double>{0.0}, std::vector<double>{0.5}, prior);
    ASSERT_TRUE(result);
    EXPECT_DOUBLE_EQ(result->df, 10);
    EXPECT_NEAR(result->standard_error, std::sqrt(0.01 * 2), 1e-15);
    EXPECT_NEAR(result->t, 0.5 / std::sqrt(0.02), 1e-12);
}

TEST(ModeratedT, PosteriorVarianceShrinksTowardsThePrior) {
    const NoisePrior prior{6, 0.04, 20};
    EXPECT_DOUBLE_EQ(posterior_variance(prior, 0.01, 6), 0.025);
    const NoisePrior certain{std::numeric_limits<double>::infinity(), 0.04, 20};
    EXPECT_DOUBLE_EQ(posterior_variance(certain, 0.01, 6), 0.04);
}

}  // namespace
}  // namespace caws::stats
