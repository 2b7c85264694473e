#include "stats/mann_whitney_ties.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/mann_whitney_reference.inc"
#include "reference/rank_reference.inc"

namespace caws::stats {
namespace {

TEST(MannWhitneyTies, MatchesBruteForceEnumerationWithTies) {
    for (const auto& reference : k_tie_exact_reference) {
        const MannWhitneyResult result = mann_whitney_tie_exact(reference.x, reference.y);
        EXPECT_DOUBLE_EQ(result.u, reference.u) << reference.name;
        EXPECT_NEAR(result.p_value, reference.p_value, 1e-9 * reference.p_value) << reference.name;
    }
}

TEST(MannWhitneyTies, ReproducesGoMoremathTestValues) {
    // aclements/go-moremath stats/utest_test.go, the small samples with and without ties.
    const std::vector<double> s1{2, 1, 3, 5};
    const std::vector<double> s2{12, 11, 13, 15};
    const std::vector<double> s3{0, 4, 6, 7};
    const std::vector<double> s4{2, 2, 2, 2};
    const std::vector<double> s5{1, 1, 1, 1, 1};
    EXPECT_NEAR(mann_whitney_tie_exact(s1, s2).p_value, 0.028571428571428577, 1e-15);
    EXPECT_NEAR(mann_whitney_tie_exact(s1, s3).p_value, 0.485714285714285770, 1e-15);
    EXPECT_DOUBLE_EQ(mann_whitney_tie_exact(s1, s1).p_value, 1.0);
    EXPECT_NEAR(mann_whitney_tie_exact(s1, s4).p_value, 0.7142857142857143, 1e-15);
    EXPECT_NEAR(mann_whitney_tie_exact(s1, s5).p_value, 0.0, 1e-15);
    EXPECT_DOUBLE_EQ(mann_whitney_tie_exact(s4, s4).p_value, 1.0);
}

TEST(MannWhitneyTies, WithoutTiesItIsScipysExactTest) {
    for (const auto& reference : k_mann_whitney_reference) {
        const std::string name = reference.name;
        if (name.rfind("exact_", 0) != 0) continue;
        const MannWhitneyResult result = mann_whitney_tie_exact(reference.x, reference.y);
        EXPECT_TRUE(result.exact) << name;
        EXPECT_FALSE(result.ties) << name;
        EXPECT_NEAR(result.p_value, reference.p_value, 1e-9 * reference.p_value) << name;
    }
}

TEST(MannWhitneyTies, ExactUpTo25WithTiesAnd50Without) {
    std::vector<double> x25, y25, x26, y26;
    for (int i = 0; i < 25; ++i) {
        x25.push_back(i / 2);  // ties
        y25.push_back(i / 2 + 1);
    }
    x26 = x25;
    x26.push_back(3);
    y26 = y25;
    y26.push_back(4);
    EXPECT_TRUE(mann_whitney_tie_exact(x25, y25).exact);
    EXPECT_FALSE(mann_whitney_tie_exact(x26, y26).exact);
    // Beyond the limit it is the normal approximation with tie correction.
    EXPECT_DOUBLE_EQ(mann_whitney_tie_exact(x26, y26).p_value,
                     mann_whitney_u(x26, y26, MannWhitneyMethod::asymptotic).p_value);
    std::vector<double> x50, y50, x51, y51;
    for (int i = 0; i < 50; ++i) {
        x50.push_back(2 * i);
        y50.push_back(2 * i + 21);
    }
    x51 = x50;
    x51.push_back(1001);
    y51 = y50;
    y51.push_back(1003);
    EXPECT_TRUE(mann_whitney_tie_exact(x50, y50).exact);
    EXPECT_FALSE(mann_whitney_tie_exact(x51, y51).exact);
}

TEST(MannWhitneyTies, CdfWithoutTiesIsTheClassicalDistribution) {
    // 3 vs 3 without ties: C(6, 3) = 20 arrangements, U = 0 and U = 1 once each.
    const std::vector<std::size_t> singles(6, 1);
    EXPECT_NEAR(mann_whitney_tie_cdf(singles, 3, 0), 1.0 / 20, 1e-15);
    EXPECT_NEAR(mann_whitney_tie_cdf(singles, 3, 1), 2.0 / 20, 1e-15);
    EXPECT_NEAR(mann_whitney_tie_cdf(singles, 3, 9), 1.0, 1e-15);
    // One group of ties: every arrangement has U = n1 n2 / 2 = 3.
    const std::vector<std::size_t> one_group{5};
    EXPECT_DOUBLE_EQ(mann_whitney_tie_cdf(one_group, 2, 3.0), 1.0);
    EXPECT_DOUBLE_EQ(mann_whitney_tie_cdf(one_group, 2, 2.5), 0.0);
}

TEST(MannWhitneyTies, EmptySidesAreNotSignificant) {
    const std::vector<double> none;
    const std::vector<double> some{1, 2, 3};
    EXPECT_DOUBLE_EQ(mann_whitney_tie_exact(none, some).p_value, 1.0);
}

}  // namespace
}  // namespace caws::stats
