#include "trend/analysis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/random.hpp"

namespace caws::trend {
namespace {

Series series_of(std::vector<double> values, model::Direction direction) {
    Series s;
    s.metric = "BM_Sort/1024";
    s.measure = "cpu_time";
    s.unit = "s";
    s.direction = direction;
    std::vector<std::string> dates, commits;
    for (std::size_t i = 0; i < values.size(); ++i) {
        dates.push_back(std::string("2026-11-") + std::to_string(10 + i % 20) + "T03:00:00Z");
        commits.push_back(std::string("c") + std::to_string(i));
    }
    label_runs(s, dates, commits);
    s.values = std::move(values);
    return s;
}

std::vector<double> step(std::uint64_t seed, std::size_t n, std::size_t at, double ratio,
                         double noise) {
    stats::Random random(seed);
    std::vector<double> values;
    for (std::size_t i = 0; i < n; ++i) {
        values.push_back(1e-6 * (i >= at ? ratio : 1.0) * (1 + noise * random.normal()));
    }
    return values;
}

TEST(TrendRatio, IsOrientedByDirection) {
    EXPECT_DOUBLE_EQ(oriented_ratio(2, 3, model::Direction::lower), 1.5);
    EXPECT_DOUBLE_EQ(oriented_ratio(3, 2, model::Direction::higher), 1.5);
    EXPECT_EQ(classify_ratio(1.35, {}), model::ChangeClass::minor);
    EXPECT_EQ(classify_ratio(1.5, {}), model::ChangeClass::moderate);
    EXPECT_EQ(classify_ratio(2.5, {}), model::ChangeClass::severe);
    EXPECT_EQ(classify_ratio(0.8, {}), model::ChangeClass::improved);
    EXPECT_EQ(classify_ratio(1.1, {}), model::ChangeClass::unchanged);
}

TEST(TrendDrift, RisingTimesDegradeAndRisingThroughputImproves) {
    std::vector<double> rising;
    for (int i = 0; i < 30; ++i) rising.push_back(100 + i + std::sin(i) * 0.5);
    const Drift times = analyse_drift(series_of(rising, model::Direction::lower));
    EXPECT_EQ(times.drift, DriftClass::degrading);
    ASSERT_TRUE(times.slope_percent.has_value());
    // About 1 per run on a median near 114.5.
    EXPECT_NEAR(*times.slope_percent, 100.0 / 114.5, 0.05);
    EXPECT_LT(*times.low_percent, *times.slope_percent);
    EXPECT_GT(*times.high_percent, *times.slope_percent);
    EXPECT_EQ(analyse_drift(series_of(rising, model::Direction::higher)).drift,
              DriftClass::improving);
    EXPECT_EQ(analyse_drift(series_of(rising, model::Direction::unknown)).drift,
              DriftClass::drifting);
}

TEST(TrendDrift, NoiseIsStable) {
    EXPECT_EQ(analyse_drift(series_of(step(3, 60, 60, 1, 0.03), model::Direction::lower)).drift,
              DriftClass::stable);
}

TEST(TrendChangePoints, AStepOf1Point35AtRun40IsFoundWithinTwoRuns) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        SCOPED_TRACE(seed);
        const Trend trend =
            analyse(series_of(step(seed, 60, 40, 1.35, 0.03), model::Direction::lower));
        ASSERT_FALSE(trend.change_points.empty());
        const ChangePoint* near = nullptr;
        for (const ChangePoint& cp : trend.change_points) {
            if (cp.index + 2 >= 40 && cp.index <= 42) near = &cp;
        }
        ASSERT_NE(near, nullptr);
        EXPECT_NEAR(near->ratio, 1.35, 0.05);
        EXPECT_EQ(near->change, model::ChangeClass::minor);
        EXPECT_EQ(near->commit, "c" + std::to_string(near->index));
        EXPECT_NEAR(near->before, 1e-6, 0.03e-6);
        // 20 runs ago: not among the newest 5, reported but not gating.
        EXPECT_FALSE(near->recent);
        EXPECT_EQ(near->level, model::Level::info);
    }
}

TEST(TrendChangePoints, StationaryRunsHaveNoChangePointInAtLeast95Of100Seeds) {
    int with_change_points = 0;
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        Options options;
        options.e_divisive.seed = seed;
        const Trend trend = analyse(
            series_of(step(2000 + seed, 60, 60, 1, 0.03), model::Direction::lower), options);
        if (!trend.change_points.empty()) ++with_change_points;
    }
    EXPECT_LE(with_change_points, 5);
}

TEST(TrendGate, ARecentRegressionFailsAndADriftWarns) {
    const Trend recent = analyse(series_of(step(5, 60, 56, 1.6, 0.02), model::Direction::lower));
    ASSERT_EQ(recent.change_points.size(), 1u);
    EXPECT_TRUE(recent.change_points[0].recent);
    EXPECT_EQ(recent.change_points[0].change, model::ChangeClass::moderate);
    EXPECT_EQ(recent.level, model::Level::fail);

    std::vector<double> rising;
    for (int i = 0; i < 30; ++i) rising.push_back(100 + 0.2 * i + std::sin(i * 2.1));
    const Trend drift = analyse(series_of(rising, model::Direction::lower));
    EXPECT_EQ(drift.drift.drift, DriftClass::degrading);
    EXPECT_EQ(drift.level, model::Level::warn);
    GateRules strict;
    strict.degrading = model::Level::fail;
    EXPECT_EQ(analyse(series_of(rising, model::Direction::lower), {}, strict).level,
              model::Level::fail);
    EXPECT_EQ(verdict_of({drift}), model::Level::warn);
}

TEST(TrendGate, AnImprovementDoesNotGate) {
    const Trend trend = analyse(series_of(step(8, 60, 57, 0.5, 0.02), model::Direction::lower));
    ASSERT_EQ(trend.change_points.size(), 1u);
    EXPECT_EQ(trend.change_points[0].change, model::ChangeClass::improved);
    EXPECT_EQ(trend.change_points[0].level, model::Level::info);
}

TEST(TrendAll, ThreadsDoNotChangeTheResult) {
    std::vector<Series> all;
    for (std::uint64_t seed = 0; seed < 12; ++seed) {
        all.push_back(series_of(step(seed, 50, 25 + seed, 1.3, 0.05), model::Direction::lower));
        all.back().metric = std::string("m").append(std::to_string(seed));
    }
    const auto one = analyse_all(all, {}, {}, 1);
    const auto four = analyse_all(all, {}, {}, 4);
    ASSERT_EQ(one.size(), four.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        ASSERT_EQ(one[i].change_points.size(), four[i].change_points.size());
        for (std::size_t k = 0; k < one[i].change_points.size(); ++k) {
            EXPECT_EQ(one[i].change_points[k].index, four[i].change_points[k].index);
            EXPECT_EQ(one[i].change_points[k].p_value, four[i].change_points[k].p_value);
        }
    }
}

// Three levels: 1.03x after 20 runs (a shift), then 1.35x after 40 (a change point).
std::vector<double> small_then_large_step() {
    std::vector<double> values = step(11, 60, 20, 1.03, 0.002);
    for (std::size_t i = 40; i < values.size(); ++i) values[i] *= 1.35;
    return values;
}

TEST(TrendShifts, ChangePointsUnderTheMinorThresholdAreShiftsNotCounted) {
    const Trend t = analyse(series_of(small_then_large_step(), model::Direction::lower));
    ASSERT_EQ(t.change_points.size(), 1u);
    EXPECT_EQ(t.change_points[0].index, 40u);
    EXPECT_NEAR(t.change_points[0].ratio, 1.35, 0.01);  // the levels either side
    EXPECT_EQ(t.change_points[0].change, model::ChangeClass::minor);
    ASSERT_EQ(t.shifts.size(), 1u);
    EXPECT_EQ(t.shifts[0].index, 20u);
    EXPECT_NEAR(t.shifts[0].ratio, 1.03, 0.005);
    EXPECT_EQ(t.shifts[0].level, model::Level::info);
}

TEST(TrendShifts, TheGateFileCanCountSmallerChangePoints) {
    GateRules rules;
    rules.min_magnitude = 1.02;
    const Trend t = analyse(series_of(small_then_large_step(), model::Direction::lower), {}, rules);
    EXPECT_EQ(t.change_points.size(), 2u);
    EXPECT_TRUE(t.shifts.empty());
}

// A step late in a flat series is a change point; the drift is measured after it, so the
// series is not also "degrading".
TEST(TrendShifts, DriftIsMeasuredSinceTheLastChangePoint) {
    const Trend t = analyse(series_of(step(5, 40, 30, 1.5, 0.01), model::Direction::lower));
    ASSERT_EQ(t.change_points.size(), 1u);
    EXPECT_EQ(t.change_points[0].index, 30u);
    EXPECT_EQ(t.drift_since, 30u);
    EXPECT_EQ(t.drift.drift, DriftClass::stable);
    EXPECT_EQ(t.notes.back(),
              "drift measured on the 10 runs since the change point at run 31: a step is a "
              "change point, not a drift");
    // Measured over the whole series, the step reads as a rising trend.
    EXPECT_EQ(analyse_drift(series_of(step(5, 40, 30, 1.5, 0.01), model::Direction::lower)).drift,
              DriftClass::degrading);
    // Without a change point the whole series is used.
    const Trend drift = analyse(series_of(step(6, 40, 40, 1.0, 0.01), model::Direction::lower));
    EXPECT_EQ(drift.drift_since, 0u);
}

}  // namespace
}  // namespace caws::trend
