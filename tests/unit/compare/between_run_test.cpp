#include "compare/between_run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "reference/run_spread_reference.inc"
#include "stats/run_spread.hpp"
#include "support/metrics.hpp"

namespace caws::compare {
namespace {

using test::run_of;
using test::timing;

std::vector<double> scaled(const std::vector<double>& values, double factor) {
    std::vector<double> out;
    for (const double v : values) out.push_back(v * factor);
    return out;
}

const std::vector<double> k_ten{1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00, 1.015, 0.985};

// A history of five runs of BM_A whose medians spread by `log_sd` around 1.
BetweenRunNoise noise_of(double log_sd) {
    const std::vector<double> z{-1.2, 0.4, 0.0, 1.3, -0.5};
    std::vector<double> medians;
    for (const double v : z) medians.push_back(std::exp(log_sd * v));
    return fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", medians}}, 5, 5);
}

TEST(BetweenRun, FitsEachMetricsIntervalAsTheReference) {
    const auto& reference = k_suite_noise_reference;
    std::vector<RunValues> history;
    for (std::size_t i = 0; i < reference.runs.size(); ++i) {
        history.push_back({"BM_" + std::to_string(i), "real_time", "s", reference.runs[i]});
    }
    const BetweenRunNoise noise = fit_between_run_noise(history, 5, 5);
    ASSERT_TRUE(noise.known());
    ASSERT_EQ(noise.metrics.size(), reference.runs.size());
    for (std::size_t i = 0; i < reference.runs.size(); ++i) {
        const auto found = noise.metrics.find("BM_" + std::to_string(i) + '\x1f' + "real_time");
        ASSERT_NE(found, noise.metrics.end());
        const MetricRunNoise& m = found->second;
        EXPECT_EQ(m.runs, 5u);
        const auto interval = stats::prediction_interval(m.centre, m.pooled_sd, m.df, 5, 0.95);
        ASSERT_TRUE(interval);
        EXPECT_NEAR(interval->low, reference.low[i], 1e-9 * std::fabs(reference.low[i])) << i;
        EXPECT_NEAR(interval->high, reference.high[i], 1e-9 * std::fabs(reference.high[i])) << i;
    }
}

TEST(BetweenRun, UnknownWithFewerRunsThanTheRule) {
    const BetweenRunNoise noise =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", {1.0, 1.1, 0.9, 1.0}}}, 4, 5);
    EXPECT_FALSE(noise.known());
    EXPECT_TRUE(noise.metrics.empty());
}

TEST(BetweenRun, AMetricWithFewRunsNeedsThePooledPrior) {
    // Alone, a metric of two runs says too little; among ten metrics of five runs, it takes
    // the spread they share.
    std::vector<RunValues> history{{"BM_new", "cpu_time", "s", {1.0, 1.05}}};
    EXPECT_TRUE(fit_between_run_noise(history, 5, 5).metrics.empty());
    for (int i = 0; i < 10; ++i) {
        const double s = 0.01 * (1 + i % 3);
        history.push_back({"BM_" + std::to_string(i),
                           "cpu_time",
                           "s",
                           {1.0, std::exp(s), std::exp(-s), std::exp(2 * s), 1.0}});
    }
    const BetweenRunNoise noise = fit_between_run_noise(history, 5, 5);
    const auto found = noise.metrics.find(std::string("BM_new") + '\x1f' + "cpu_time");
    ASSERT_NE(found, noise.metrics.end());
    EXPECT_EQ(found->second.runs, 2u);
    EXPECT_GT(found->second.df, 1.0);  // more than its own single degree of freedom
}

TEST(BetweenRun, WindowIsTheBaselinesRunsAndAtLeastTheRule) {
    const BetweenRunOptions options;
    EXPECT_EQ(between_run_window(0, options), 5u);
    EXPECT_EQ(between_run_window(1, options), 5u);
    EXPECT_EQ(between_run_window(5, options), 5u);
    EXPECT_EQ(between_run_window(8, options), 8u);
}

TEST(BetweenRun, AChangeInsideTheNoiseOfTheHistoryIsUnchanged) {
    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 1.3))});
    EXPECT_EQ(compare_runs(baseline, candidate).front().change, model::ChangeClass::minor);

    const BetweenRunNoise wide = noise_of(0.2);  // runs move by about 20%
    Options options;
    options.between_run = &wide;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    EXPECT_EQ(c.change, model::ChangeClass::unchanged);
    ASSERT_TRUE(c.between_run);
    EXPECT_TRUE(c.between_run->within);
    EXPECT_EQ(c.between_run->reclassified_from, model::ChangeClass::minor);
    EXPECT_EQ(c.between_run->runs, 5u);
    EXPECT_EQ(c.between_run->df, 4.0);  // one metric: its own variance
    EXPECT_LT(c.between_run->interval.low, 1.0);
    EXPECT_GT(c.between_run->interval.high, 1.3);
    EXPECT_TRUE(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& note) {
        return note.find("within the between-run noise of 5 runs") != std::string::npos;
    }));
}

TEST(BetweenRun, AChangeOutsideTheNoiseStaysARegression) {
    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 1.3))});
    const BetweenRunNoise narrow = noise_of(0.02);
    Options options;
    options.between_run = &narrow;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    EXPECT_EQ(c.change, model::ChangeClass::minor);
    ASSERT_TRUE(c.between_run);
    EXPECT_FALSE(c.between_run->within);
    EXPECT_FALSE(c.between_run->reclassified_from);
    // The interval, as a ratio to the baseline's median, holds 1 and not 1.3.
    EXPECT_LT(c.between_run->interval.low, 1.0);
    EXPECT_GT(c.between_run->interval.high, 1.0);
    EXPECT_LT(c.between_run->interval.high, 1.3);
}

// A history of `usual` runs of BM_A near 1 and `slow` runs near 2, every other run among
// the oldest: a machine that sometimes ran the benchmark at half speed for a whole run.
std::vector<RunValues> slow_state_history(std::size_t usual, std::size_t slow) {
    const std::vector<double> z{-1.2, 0.4, 0.0, 1.3, -0.5, 0.8, -0.3, 1.1, -0.9, 0.2, 0.6, -1.0};
    std::vector<double> medians;
    for (std::size_t i = 0; i < usual + slow; ++i) {
        const bool is_slow = i < 2 * slow && i % 2 == 0;
        medians.push_back((is_slow ? 2.0 : 1.0) * std::exp(0.02 * z[i % z.size()]));
    }
    return {RunValues{"BM_A", "cpu_time", "s", medians}};
}

// The normal model of five runs cannot hold a run at 2x; the range of 12 runs, three of
// them slow, does: a run of the same code has been there.
TEST(BetweenRun, AChangeWithinTheRangeOfTheHistoryIsUnchanged) {
    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 2.02))});
    const std::vector<RunValues> history = slow_state_history(9, 3);
    // The newest five runs, none of them slow, for the interval.
    const std::vector<double>& all = history.front().values;
    const std::vector<double> newest(all.end() - 5, all.end());
    ASSERT_EQ(std::count_if(newest.begin(), newest.end(), [](double v) { return v > 1.5; }), 0);
    BetweenRunNoise noise =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", newest}}, 5, 5);
    const BetweenRunOptions rule;
    add_history_range(noise, history, rule);
    Options options;
    options.between_run = &noise;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    EXPECT_EQ(c.change, model::ChangeClass::unchanged);
    ASSERT_TRUE(c.between_run && c.between_run->range);
    EXPECT_FALSE(c.between_run->within);  // outside the normal interval
    EXPECT_TRUE(c.between_run->range->within);
    EXPECT_EQ(c.between_run->reclassified_from, model::ChangeClass::severe);
    EXPECT_EQ(c.between_run->range->runs, 12u);
    EXPECT_EQ(c.between_run->range->margin, 2.0);
    EXPECT_NEAR(c.between_run->range->robust_sd, 0.02 * 0.75, 0.01);
    EXPECT_GT(c.between_run->range->interval.high, 2.02);
    EXPECT_LT(c.between_run->range->interval.high, 2.2);
    EXPECT_TRUE(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& note) {
        return note.find("within the range of 12 runs of the history") != std::string::npos &&
               note.find("runs of the same code have been this far") != std::string::npos;
    }));

    // Beyond the slowest run by more than the margin: still a regression.
    const model::Run slower = run_of({timing("BM_A", scaled(k_ten, 2.6))});
    const model::Comparison beyond = compare_runs(baseline, slower, options).front();
    EXPECT_EQ(beyond.change, model::ChangeClass::severe);
    ASSERT_TRUE(beyond.between_run && beyond.between_run->range);
    EXPECT_FALSE(beyond.between_run->range->within);
}

TEST(BetweenRun, TheRangeNeedsTenRunsOfTheHistory) {
    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 2.02))});
    const std::vector<RunValues> history = slow_state_history(7, 2);  // nine runs
    const std::vector<double>& all = history.front().values;
    const std::vector<double> newest(all.end() - 5, all.end());
    BetweenRunNoise noise =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", newest}}, 5, 5);
    add_history_range(noise, history, BetweenRunOptions{});
    Options options;
    options.between_run = &noise;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    ASSERT_TRUE(c.between_run);
    EXPECT_FALSE(c.between_run->range);
    EXPECT_NE(c.change, model::ChangeClass::unchanged);
}

TEST(BetweenRun, TheRangeWindowIsTwentyRunsAndAtLeastTheNoises) {
    const BetweenRunOptions options;
    EXPECT_EQ(history_range_window(1, options), 20u);
    EXPECT_EQ(history_range_window(5, options), 20u);
    EXPECT_EQ(history_range_window(30, options), 30u);
}

// A comparison gated on the p95 is held against the spread of the runs' p95s, not of their
// medians: a tail that grew while the median stayed is outside it.
TEST(BetweenRun, AComparisonOfAnotherStatisticUsesThatStatisticsHistory) {
    std::vector<double> base, tail;
    for (int i = 0; i < 100; ++i) {
        base.push_back(1.0 + 0.001 * i);
        tail.push_back(i < 70 ? base.back() : 2 * base.back());  // p95 2x, median unchanged
    }
    const model::Run baseline = run_of({timing("BM_A", base)});
    const model::Run candidate = run_of({timing("BM_A", tail)});
    const std::vector<double> z{-1.2, 0.4, 0.0, 1.3, -0.5};
    std::vector<double> medians, p95s;
    for (const double v : z) {
        medians.push_back(1.05 * std::exp(0.02 * v));
        p95s.push_back(1.095 * std::exp(0.05 * v));
    }
    RunValues p95_values{"BM_A", "cpu_time", "s", p95s};
    p95_values.statistic = "p95";
    const BetweenRunNoise noise =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", medians}, p95_values}, 5, 5);
    ASSERT_EQ(noise.metrics.size(), 2u);
    ASSERT_TRUE(noise.metrics.contains(std::string("BM_A\x1f") + "cpu_time\x1fp95"));

    Options options;
    options.statistic = Statistic::p95;
    options.between_run = &noise;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    ASSERT_EQ(c.statistic, "p95");
    EXPECT_TRUE(model::is_change(c.change));
    ASSERT_TRUE(c.between_run);
    EXPECT_EQ(c.between_run->statistic, "p95");
    EXPECT_FALSE(c.between_run->within);
    // Its interval is the p95s' (log sd 0.05), wider than the medians' (0.02) would be.
    const double width = std::log(c.between_run->interval.high / c.between_run->interval.low);
    EXPECT_GT(width, 2 * 1.96 * 0.04);

    // Without a history of p95s, a p95 comparison gets no interval and keeps its class.
    const BetweenRunNoise medians_only =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "s", medians}}, 5, 5);
    options.between_run = &medians_only;
    const model::Comparison alone = compare_runs(baseline, candidate, options).front();
    EXPECT_FALSE(alone.between_run);
    EXPECT_EQ(alone.change, c.change);
}

TEST(BetweenRun, AnImprovementInsideTheNoiseIsUnchangedToo) {
    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 0.8))});
    EXPECT_EQ(compare_runs(baseline, candidate).front().change, model::ChangeClass::improved);
    const BetweenRunNoise wide = noise_of(0.2);
    Options options;
    options.between_run = &wide;
    const model::Comparison c = compare_runs(baseline, candidate, options).front();
    EXPECT_EQ(c.change, model::ChangeClass::unchanged);
    EXPECT_EQ(c.between_run->reclassified_from, model::ChangeClass::improved);
}

TEST(BetweenRun, OnlyMetricsOfTheHistoryInTheSameUnitGetAnInterval) {
    const model::Run baseline = run_of({timing("BM_A", k_ten), timing("BM_B", k_ten)});
    const model::Run candidate =
        run_of({timing("BM_A", scaled(k_ten, 1.3)), timing("BM_B", scaled(k_ten, 1.3))});
    const BetweenRunNoise wide = noise_of(0.2);
    Options options;
    options.between_run = &wide;
    const auto comparisons = compare_runs(baseline, candidate, options);
    ASSERT_EQ(comparisons.size(), 2u);
    EXPECT_TRUE(comparisons[0].between_run);
    EXPECT_FALSE(comparisons[1].between_run);  // BM_B has no history
    EXPECT_EQ(comparisons[1].change, model::ChangeClass::minor);

    BetweenRunNoise other_unit =
        fit_between_run_noise({RunValues{"BM_A", "cpu_time", "ms", {1, 1.2, 0.8, 1.1, 0.9}}}, 5, 5);
    options.between_run = &other_unit;
    EXPECT_FALSE(compare_runs(baseline, candidate, options).front().between_run);
}

TEST(BetweenRun, TheSummaryCountsAndSaysWhyItIsUnknown) {
    BetweenRunSummary summary;
    EXPECT_EQ(unknown_reason(summary),
              "there is no history and the baseline is one run: the verdict rests on one run of "
              "each side");
    summary.baseline_runs = 5;
    EXPECT_EQ(unknown_reason(summary), "there is no history (5 needed)");
    summary.history = "baselines/history/s.jsonl";
    summary.runs = 3;
    EXPECT_EQ(unknown_reason(summary), "the history has 3 runs (5 needed)");
    summary.baseline_runs = 1;
    summary.runs = 1;
    EXPECT_EQ(unknown_reason(summary),
              "the history has 1 run (5 needed) and the baseline is one run: the verdict rests "
              "on one run of each side");

    const model::Run baseline = run_of({timing("BM_A", k_ten)});
    const model::Run candidate = run_of({timing("BM_A", scaled(k_ten, 1.3))});
    const BetweenRunNoise wide = noise_of(0.2);
    Options options;
    options.between_run = &wide;
    const auto comparisons = compare_runs(baseline, candidate, options);
    count_between_run(comparisons, summary);
    EXPECT_EQ(summary.metrics, 1u);
    EXPECT_EQ(summary.reclassified, 1u);
    ASSERT_TRUE(summary.median_sd);
    EXPECT_DOUBLE_EQ(*summary.median_sd, comparisons.front().between_run->pooled_sd);
}

}  // namespace
}  // namespace caws::compare
