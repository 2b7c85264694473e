#include "stats/level_shift.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "reference/level_shift_reference.inc"

namespace caws::stats {
namespace {

void expect_relative(double actual, double expected, double tolerance) {
    if (expected == 0) {
        EXPECT_EQ(actual, 0);
        return;
    }
    EXPECT_NEAR(actual / expected, 1.0, tolerance) << actual << " vs " << expected;
}

TEST(LevelShift, AgreesWithScipyOnRealAndSimulatedRuns) {
    for (const LevelShiftReference& r : k_level_shift_reference) {
        SCOPED_TRACE(::testing::PrintToString(r.samples));
        const std::optional<LevelShift> shift = find_level_shift(r.samples);
        ASSERT_TRUE(shift.has_value());
        EXPECT_EQ(shift->n, r.samples.size());
        expect_relative(shift->p_value, r.p_value, 1e-9);
        if (r.p_value < 1) EXPECT_EQ(shift->at, r.at);  // at p = 1 every split ties
        if (r.p_value < 1) expect_relative(shift->before, r.before, 1e-15);
        if (r.p_value < 1) expect_relative(shift->after, r.after, 1e-15);
    }
}

TEST(LevelShift, ARealStepIsSignificantASteadyRunIsNot) {
    // The first reference is a run whose machine changed after four repetitions: 1.8x.
    const std::optional<LevelShift> step = find_level_shift(k_level_shift_reference[0].samples);
    ASSERT_TRUE(step.has_value());
    EXPECT_LT(step->p_value, 1e-6);
    EXPECT_EQ(step->at, 4u);
    EXPECT_NEAR(step->after / step->before, 1.815, 0.001);
    // The third is a whole run twice as slow with the usual spread: nothing to see inside.
    EXPECT_GT(find_level_shift(k_level_shift_reference[2].samples)->p_value, 0.5);
}

TEST(LevelShift, TooFewOrUnusableSamplesGiveNothing) {
    EXPECT_FALSE(find_level_shift(std::vector<double>{1, 2, 3, 4}).has_value());
    EXPECT_TRUE(find_level_shift(std::vector<double>{1, 2, 3, 4, 5}).has_value());
    EXPECT_FALSE(find_level_shift(std::vector<double>{1, 2, 0, 4, 5}).has_value());
    EXPECT_FALSE(find_level_shift(std::vector<double>{1, 2, -3, 4, 5}).has_value());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_FALSE(find_level_shift(std::vector<double>{1, 2, nan, 4, 5}).has_value());
    EXPECT_FALSE(find_level_shift(std::vector<double>{1, 2, 3, 4, 5, 6}, 3).has_value());
}

TEST(LevelShift, ConstantSegmentsAreExact) {
    const std::optional<LevelShift> step = find_level_shift(std::vector<double>{5, 5, 5, 9, 9, 9});
    ASSERT_TRUE(step.has_value());
    EXPECT_EQ(step->p_value, 0);
    EXPECT_EQ(step->at, 3u);
    EXPECT_EQ(step->before, 5);
    EXPECT_EQ(step->after, 9);
    EXPECT_EQ(find_level_shift(std::vector<double>{7, 7, 7, 7, 7})->p_value, 1);
}

// Large values with a small spread: the logs are centred before their squares are summed,
// so the p-value does not drift with the common level.
TEST(LevelShift, TheLevelOfTheValuesDoesNotMatter) {
    const std::vector<double>& base = k_level_shift_reference[1].samples;
    std::vector<double> scaled;
    for (double v : base) scaled.push_back(v * 1e12);
    expect_relative(find_level_shift(scaled)->p_value, find_level_shift(base)->p_value, 1e-9);
}

}  // namespace
}  // namespace caws::stats
