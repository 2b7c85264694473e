#include "stats/multiple_testing.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reference/statistics_reference.inc"

namespace caws::stats {
namespace {

TEST(MultipleTesting, HolmMatchesItsDefinition) {
    for (const auto& reference : k_correction_reference) {
        const std::vector<double> adjusted = holm_adjust(reference.p);
        ASSERT_EQ(adjusted.size(), reference.holm.size());
        for (std::size_t i = 0; i < adjusted.size(); ++i) {
            EXPECT_NEAR(adjusted[i], reference.holm[i], 1e-12 * reference.holm[i]) << i;
        }
    }
}

TEST(MultipleTesting, BenjaminiHochbergMatchesItsDefinition) {
    for (const auto& reference : k_correction_reference) {
        const std::vector<double> adjusted = benjamini_hochberg_adjust(reference.p);
        ASSERT_EQ(adjusted.size(), reference.bh.size());
        for (std::size_t i = 0; i < adjusted.size(); ++i) {
            EXPECT_NEAR(adjusted[i], reference.bh[i], 1e-12 * reference.bh[i]) << i;
        }
    }
}

TEST(MultipleTesting, KnownSmallCase) {
    // m = 4: Holm multiplies by 4, 3, 2, 1 and keeps the running maximum; BH multiplies by
    // m / rank and keeps the running minimum from the largest.
    const std::vector<double> p{0.01, 0.04, 0.03, 0.005};
    EXPECT_EQ(holm_adjust(p), (std::vector<double>{0.03, 0.06, 0.06, 0.02}));
    const std::vector<double> bh = benjamini_hochberg_adjust(p);
    EXPECT_DOUBLE_EQ(bh[0], 0.02);
    EXPECT_DOUBLE_EQ(bh[1], 0.04);
    EXPECT_DOUBLE_EQ(bh[2], 0.04);
    EXPECT_DOUBLE_EQ(bh[3], 0.02);
}

TEST(MultipleTesting, AdjustedValuesNeverFallBelowRawOrExceedOne) {
    const std::vector<double> p{0.9, 0.5, 0.99, 0.001, 0.3};
    for (const auto& adjusted : {holm_adjust(p), benjamini_hochberg_adjust(p)}) {
        for (std::size_t i = 0; i < p.size(); ++i) {
            EXPECT_GE(adjusted[i], p[i]);
            EXPECT_LE(adjusted[i], 1.0);
        }
    }
    EXPECT_TRUE(holm_adjust(std::vector<double>{}).empty());
}

}  // namespace
}  // namespace caws::stats
