#include "stats/signed_rank_power.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/signed_rank_power_reference.inc"
#include "stats/descriptive.hpp"

namespace caws::stats {
namespace {

double normal_cdf(double x) {
    return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

// Six pairs reject at 0.05 only when all six agree: the power is exact in closed form.
TEST(SignedRankPower, SixPairsRejectOnlyWhenAllAgree) {
    for (const double effect : {0.5, 1.0, 1.5, 2.0}) {
        const double exact = std::pow(normal_cdf(effect), 6) + std::pow(normal_cdf(-effect), 6);
        // 2,000 simulated samples: a standard error of at most 1.2 points.
        EXPECT_NEAR(signed_rank_power(6, 0.05, effect), exact, 0.04) << effect;
    }
    EXPECT_EQ(signed_rank_power(5, 0.05, 3.0), 0);  // five pairs cannot reach 0.05
}

// Against numpy's simulation of 200,000 samples per point (another generator): the
// effect found with 2,000 is within a few percent.
TEST(SignedRankPower, DetectableEffectMatchesAnIndependentSimulation) {
    for (const auto& r : k_signed_rank_effect) {
        EXPECT_NEAR(signed_rank_detectable_effect(r.n, r.alpha, 0.8), r.effect, 0.04 * r.effect)
            << r.n << " " << r.alpha;
    }
    EXPECT_TRUE(std::isinf(signed_rank_detectable_effect(5, 0.05, 0.8)));
    EXPECT_TRUE(
        std::isinf(signed_rank_detectable_effect(k_signed_rank_simulated_pairs + 1, 0.05, 0.8)));
    // Remembered, and the same on every call.
    EXPECT_EQ(signed_rank_detectable_effect(10, 0.05, 0.8),
              signed_rank_detectable_effect(10, 0.05, 0.8));
}

TEST(SignedRankPower, PowerGrowsWithTheEffect) {
    double previous = 0;
    for (double effect = 0; effect <= 3; effect += 0.25) {
        const double power = signed_rank_power(10, 0.05, effect);
        EXPECT_GE(power, previous) << effect;
        previous = power;
    }
    EXPECT_LT(signed_rank_power(10, 0.05, 0), 0.06);  // the attained size, 0.0488
    EXPECT_GT(previous, 0.99);
}

}  // namespace
}  // namespace caws::stats
