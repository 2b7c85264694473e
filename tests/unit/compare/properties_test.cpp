// Properties of the whole comparison on simulated runs of 1,000 metrics each (issue 3,
// "Verified"): the gate must not cry wolf on a noisy runner and must not miss real
// slowdowns. Fixed seeds make every run deterministic.

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "compare/comparator.hpp"
#include "model/comparison.hpp"
#include "support/simulated_runs.hpp"

namespace caws::compare {
namespace {

std::size_t count_regressions(const std::vector<model::Comparison>& comparisons, std::size_t from,
                              std::size_t to) {
    std::size_t count = 0;
    for (std::size_t i = from; i < to; ++i) {
        if (model::is_regression(comparisons[i].change)) ++count;
    }
    return count;
}

TEST(Properties, NoisyRunnerAToADoesNotCryWolf) {
    // Same log-normal distribution on both sides, 5 vs 5, CV 30%.
    const auto runs = test::simulate_runs(std::vector<double>(1000, 1.0), 5, 5, 0.30, 101);
    const auto comparisons = compare_runs(runs.baseline, runs.candidate);
    ASSERT_EQ(comparisons.size(), 1000U);
    EXPECT_LE(count_regressions(comparisons, 0, 1000), 10U);  // at most 1%
    // The auto rule pools the noise: 5 vs 5 cannot reach alpha / 1000 with a rank test.
    EXPECT_EQ(comparisons.front().test, "moderated-t");
}

TEST(Properties, TrueSlowdownOf1Point3IsFoundWithQuietSamples) {
    // A true 1.3x slowdown on every metric, 10 vs 10, CV 5%.
    const auto runs = test::simulate_runs(std::vector<double>(1000, 1.3), 10, 10, 0.05, 202);
    const auto comparisons = compare_runs(runs.baseline, runs.candidate);
    EXPECT_GE(count_regressions(comparisons, 0, 1000), 950U);
    EXPECT_EQ(comparisons.front().test, "mann-whitney");
}

TEST(Properties, ThreefoldSlowdownsAreFoundAmongNoisyMetrics) {
    // A true 3x slowdown on 100 of 1,000 metrics, 5 vs 5, CV 30%.
    std::vector<double> ratios(1000, 1.0);
    for (std::size_t i = 0; i < 100; ++i) ratios[i] = 3.0;
    const auto runs = test::simulate_runs(ratios, 5, 5, 0.30, 303);
    const auto comparisons = compare_runs(runs.baseline, runs.candidate);
    const std::size_t found = count_regressions(comparisons, 0, 100);
    std::size_t severe = 0;
    for (std::size_t i = 0; i < 100; ++i) {
        if (comparisons[i].change == model::ChangeClass::severe) ++severe;
    }
    EXPECT_GE(found, 95U);
    EXPECT_GE(severe, 90U);
    EXPECT_LE(count_regressions(comparisons, 100, 1000), 9U);
}

TEST(Properties, NinetyFivePercentIntervalsCoverTheTrueRatio) {
    // 1,000 metrics, each a simulated run of 10 vs 10 with CV 10% and a true ratio of 1.25.
    const double truth = 1.25;
    const auto runs = test::simulate_runs(std::vector<double>(1000, truth), 10, 10, 0.10, 404);
    const auto comparisons = compare_runs(runs.baseline, runs.candidate);
    std::size_t covered = 0;
    for (const auto& c : comparisons) {
        ASSERT_TRUE(c.ci);
        if (c.ci->low <= truth && truth <= c.ci->high) ++covered;
    }
    EXPECT_GE(covered, 930U);
    EXPECT_LE(covered, 970U);
}

}  // namespace
}  // namespace caws::compare
