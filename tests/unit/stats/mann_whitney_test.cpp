#include "stats/mann_whitney.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "reference/mann_whitney_reference.inc"

namespace caws::stats {
namespace {

MannWhitneyMethod method_of(const std::string& name) {
    if (name == "exact") return MannWhitneyMethod::exact;
    if (name == "asymptotic") return MannWhitneyMethod::asymptotic;
    return MannWhitneyMethod::automatic;
}

TEST(MannWhitney, MatchesScipyMannwhitneyu) {
    for (const auto& reference : k_mann_whitney_reference) {
        const MannWhitneyResult result =
            mann_whitney_u(reference.x, reference.y, method_of(reference.method));
        EXPECT_DOUBLE_EQ(result.u, reference.u) << reference.name;
        EXPECT_NEAR(result.p_value, reference.p_value, 1e-9 * reference.p_value) << reference.name;
    }
}

TEST(MannWhitney, AutomaticIsExactOnlyWithoutTiesAndASideOfAtMostEight) {
    const std::vector<double> a{1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<double> b{9, 10, 11, 12, 13, 14, 15, 16, 17};
    EXPECT_TRUE(mann_whitney_u(a, b).exact);
    const std::vector<double> a9{1, 2, 3, 4, 5, 6, 7, 8, 8.5};
    EXPECT_FALSE(mann_whitney_u(a9, b).exact);
    const std::vector<double> tied{1, 2, 3, 9};
    const MannWhitneyResult with_ties = mann_whitney_u(tied, b);
    EXPECT_FALSE(with_ties.exact);
    EXPECT_TRUE(with_ties.ties);
}

TEST(MannWhitney, TiesUseMidranks) {
    // Pooled ranks: 1 -> 1, 2 -> 2.5 (twice), 3 -> 4; U of x = 1 + 2.5 - 3 = 0.5
    const std::vector<double> x{1, 2};
    const std::vector<double> y{2, 3};
    EXPECT_DOUBLE_EQ(mann_whitney_u(x, y).u, 0.5);
}

TEST(MannWhitney, AllValuesEqualIsNotSignificant) {
    const std::vector<double> x{5, 5, 5, 5, 5};
    EXPECT_DOUBLE_EQ(mann_whitney_u(x, x).p_value, 1.0);
}

TEST(MannWhitney, MinimumPValueTellsWhenSignificanceIsImpossible) {
    EXPECT_DOUBLE_EQ(mann_whitney_min_p(3, 3), 0.1);
    EXPECT_DOUBLE_EQ(mann_whitney_min_p(10, 10), 2.0 / 184756.0);
    EXPECT_NEAR(mann_whitney_min_p(4, 4), 2.0 / 70.0, 1e-15);
    EXPECT_NEAR(mann_whitney_min_p(5, 5), 2.0 / 252.0, 1e-15);
    EXPECT_DOUBLE_EQ(mann_whitney_min_p(1, 1), 1.0);
    EXPECT_DOUBLE_EQ(mann_whitney_min_p(0, 10), 1.0);
}

TEST(MannWhitney, ExactTailsAreExactForExtremeOutcomes) {
    // P(U >= n1 * n2) = 1 / C(n1 + n2, n1), a tail far below double rounding of the total
    const double tail = mann_whitney_exact_sf(8, 200, 8 * 200);
    const double expected = 1.0 / (208.0 * 207 * 206 * 205 * 204 * 203 * 202 * 201 / 40320.0);
    EXPECT_NEAR(tail, expected, 1e-12 * expected);
    EXPECT_DOUBLE_EQ(mann_whitney_exact_sf(8, 200, 0), 1.0);
    // symmetric distribution: P(U >= mn/2 + 1/2) = 1/2 when mn is odd
    EXPECT_NEAR(mann_whitney_exact_sf(3, 5, 8), 0.5, 1e-15);
}

}  // namespace
}  // namespace caws::stats
