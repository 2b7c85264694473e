// compare_rounds on a statistic other than the median: the gate file's statistic picks the
// paired bootstrap of the rounds and the sign-flip test (compare/paired_statistic.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "compare/paired.hpp"
#include "compare/paired_statistic.hpp"
#include "stats/descriptive.hpp"

namespace caws::compare {
namespace {

using model::ChangeClass;

// A metric of one round: 30 samples at a level that drifts by up to 40% between rounds,
// the same on both sides; `tail` multiplies the slowest fifth, `scale` everything.
model::Metric latency(const std::string& name, std::size_t round, double tail, double scale,
                      bool head) {
    model::Metric m;
    m.name = name;
    m.measure = "value";
    m.unit = model::seconds();
    m.direction = model::Direction::lower;
    const double drift = 1 + 0.04 * static_cast<double>((round * 7) % 11);
    for (std::size_t k = 0; k < 30; ++k) {
        const double u = (static_cast<double>(k) + 0.5) / 30;
        const double jitter = 1 + 0.001 * static_cast<double>((k + round + (head ? 1 : 0)) % 3);
        m.samples.push_back(scale * drift * 1e-3 / (1 - 0.5 * u) * jitter * (u > 0.8 ? tail : 1));
    }
    return m;
}

struct Sides {
    std::vector<model::Run> base;
    std::vector<model::Run> head;
};

// `rounds` rounds of "tail" (head slower in its slowest fifth by `tail`) and "same".
Sides rounds_of(std::size_t rounds, double tail) {
    Sides sides;
    for (std::size_t r = 0; r < rounds; ++r) {
        model::Run base;
        model::Run head;
        base.metrics = {latency("tail", r, 1.0, 1.0, false), latency("same", r, 1.0, 1.0, false)};
        head.metrics = {latency("tail", r, tail, 1.0, true), latency("same", r, 1.0, 1.0, true)};
        sides.base.push_back(base);
        sides.head.push_back(head);
    }
    return sides;
}

// A gate that compares every metric on `statistic`, at `alpha`.
MetricOptions on(Statistic statistic, double alpha = 0.05) {
    return [statistic, alpha](const model::Metric&) {
        MetricGate gate;
        gate.options = Options{};
        gate.options->statistic = statistic;
        gate.options->alpha = alpha;
        return gate;
    };
}

const model::Comparison& find(const std::vector<model::Comparison>& comparisons,
                              const std::string& name) {
    for (const model::Comparison& c : comparisons) {
        if (c.metric == name) return c;
    }
    throw std::runtime_error("no comparison " + name);
}

TEST(PairedStatistic, AP95GateFindsATailChangeTheMedianMisses) {
    const Sides sides = rounds_of(10, 1.4);
    const auto by_p95 = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::p95));
    const model::Comparison& tail = find(by_p95, "tail");
    EXPECT_EQ(tail.statistic, "p95");
    EXPECT_EQ(tail.test, k_sign_flip_test);
    EXPECT_EQ(tail.test_variant, "monte-carlo");
    // 30 samples per round, 1.5 of them above the p95: smoothed within rounds.
    EXPECT_EQ(tail.ci_method, k_paired_smoothed_ci_method);
    ASSERT_TRUE(tail.ratio && tail.ci && tail.p_value && tail.baseline && tail.candidate);
    EXPECT_NEAR(*tail.ratio, 1.4, 0.02);
    EXPECT_EQ(*tail.ratio, *tail.candidate / *tail.baseline);
    EXPECT_LE(tail.ci->low, *tail.ratio);
    EXPECT_GE(tail.ci->high, *tail.ratio);
    EXPECT_GT(tail.ci->low, 1.3);
    EXPECT_LT(*tail.p_value, 0.01);
    EXPECT_EQ(tail.change, ChangeClass::minor);
    EXPECT_EQ(tail.n_baseline, 10u);
    const model::Comparison& same = find(by_p95, "same");
    EXPECT_EQ(same.statistic, "p95");
    EXPECT_EQ(same.change, ChangeClass::unchanged);

    const auto by_median = compare_rounds(sides.base, sides.head, Options{});
    EXPECT_EQ(find(by_median, "tail").statistic, "median");
    EXPECT_EQ(find(by_median, "tail").test, "wilcoxon");
    EXPECT_EQ(find(by_median, "tail").change, ChangeClass::unchanged);
}

TEST(PairedStatistic, MinAndMaxUseTheSmoothedBootstrapOfRounds) {
    const Sides sides = rounds_of(10, 1.4);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::max));
    const model::Comparison& tail = find(comparisons, "tail");
    EXPECT_EQ(tail.statistic, "max");
    EXPECT_EQ(tail.ci_method, k_paired_smoothed_ci_method);
    // No rounds are advised for an extreme (compare::drop_extreme_advice).
    ASSERT_TRUE(tail.power);
    EXPECT_FALSE(tail.power->rounds_needed);
    ASSERT_TRUE(tail.ratio && tail.ci);
    EXPECT_LE(tail.ci->low, *tail.ratio);
    EXPECT_GE(tail.ci->high, *tail.ratio);
}

TEST(PairedStatistic, QuantilesWithFewPooledValuesBeyondThemAreSmoothed) {
    // The rule of two independent samples, on the pooled samples of the smaller side: fewer
    // than 5 beyond the quantile. min and max always.
    EXPECT_TRUE(uses_paired_smoothing(Statistic::p99, 200));  // 2 beyond
    EXPECT_TRUE(uses_paired_smoothing(Statistic::p99, 499));
    EXPECT_FALSE(uses_paired_smoothing(Statistic::p99, 500));
    EXPECT_FALSE(uses_paired_smoothing(Statistic::p95, 200));  // 10 beyond: BCa
    EXPECT_TRUE(uses_paired_smoothing(Statistic::p95, 99));
    EXPECT_FALSE(uses_paired_smoothing(Statistic::p90, 50));
    EXPECT_TRUE(uses_paired_smoothing(Statistic::max, 100000));
    EXPECT_TRUE(uses_paired_smoothing(Statistic::min, 100000));
    EXPECT_FALSE(uses_paired_smoothing(Statistic::mean, 3));
}

TEST(PairedStatistic, QuantilesWithFewValuesBeyondThemInARoundHaveTheSmoothedInterval) {
    // The interval's rule adds the rounds' own tails: fewer than 5 beyond the quantile in a
    // round. The p95 of 10 or 20 rounds of 20 (one above it per round) is smoothed, though
    // 10 or 20 of the pooled samples lie above it; with 100 per round it keeps BCa.
    EXPECT_TRUE(smooths_paired_interval(Statistic::p95, 200, 20));
    EXPECT_TRUE(smooths_paired_interval(Statistic::p95, 400, 20));
    EXPECT_FALSE(smooths_paired_interval(Statistic::p95, 1000, 100));
    EXPECT_TRUE(smooths_paired_interval(Statistic::p90, 400, 40));
    EXPECT_FALSE(smooths_paired_interval(Statistic::p90, 500, 50));
    EXPECT_TRUE(smooths_paired_interval(Statistic::p99, 200, 20));  // the pooled rule too
    EXPECT_TRUE(smooths_paired_interval(Statistic::max, 100000, 10000));
    EXPECT_FALSE(smooths_paired_interval(Statistic::mean, 20, 2));
    // The advice keeps the pooled rule: the p95 of 10 rounds of 20 still gets samples per
    // round (compare/paired_power.cpp).
    EXPECT_FALSE(uses_paired_smoothing(Statistic::p95, 200));

    // A p95 of 10 rounds of 120 samples (6 above it per round): BCa at the expanded level.
    std::vector<model::Run> base(10);
    std::vector<model::Run> head(10);
    for (std::size_t r = 0; r < 10; ++r) {
        model::Metric b = latency("m", r, 1.0, 1.0, false);
        model::Metric h = latency("m", r, 1.0, 1.0, true);
        for (std::size_t k = 1; k < 4; ++k) {
            const model::Metric more_b = latency("m", r + 11 * k, 1.0, 1.0, false);
            const model::Metric more_h = latency("m", r + 11 * k, 1.0, 1.0, true);
            b.samples.insert(b.samples.end(), more_b.samples.begin(), more_b.samples.end());
            h.samples.insert(h.samples.end(), more_h.samples.begin(), more_h.samples.end());
        }
        base[r].metrics = {b};
        head[r].metrics = {h};
    }
    const auto by_p95 = compare_rounds(base, head, Options{}, on(Statistic::p95));
    ASSERT_EQ(by_p95.size(), 1U);
    EXPECT_EQ(by_p95[0].ci_method, k_paired_bca_ci_method);
}

TEST(PairedStatistic, TooFewRoundsGiveAnIntervalButNoTest) {
    Options run;
    run.alpha = 0.01;  // 8 differing rounds needed; 6 given
    const Sides sides = rounds_of(6, 1.4);
    const auto comparisons = compare_rounds(sides.base, sides.head, run, on(Statistic::p95, 0.01));
    const model::Comparison& tail = find(comparisons, "tail");
    EXPECT_FALSE(tail.tested);
    EXPECT_TRUE(tail.ci);
    EXPECT_EQ(tail.test, "none");
    EXPECT_EQ(tail.notes.back(), too_few_rounds_note(6, 0.01, "the sign-flip test"));
    EXPECT_EQ(tail.notes.back(),
              "too few differing rounds to test (6; the sign-flip test needs 8 to reach alpha "
              "0.01): the ratio alone decides");
    EXPECT_EQ(tail.change, ChangeClass::minor);  // the ratio alone decides
}

TEST(PairedStatistic, AddedAndRemovedMetricsShowTheirStatistic) {
    Sides sides = rounds_of(8, 1.0);
    for (model::Run& run : sides.base) run.metrics.pop_back();  // "same" only in the head
    for (model::Run& run : sides.head) run.metrics.erase(run.metrics.begin());  // "tail" gone
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::p90));
    const model::Comparison& removed = find(comparisons, "tail");
    EXPECT_EQ(removed.change, ChangeClass::removed);
    EXPECT_EQ(removed.statistic, "p90");
    ASSERT_TRUE(removed.baseline);
    const model::Comparison& added = find(comparisons, "same");
    EXPECT_EQ(added.change, ChangeClass::added);
    EXPECT_EQ(added.statistic, "p90");
    ASSERT_TRUE(added.candidate);
    // The p90 of all 8 x 30 samples of the side, not of its round values.
    std::vector<double> pooled;
    for (const model::Run& run : sides.head) {
        pooled.insert(pooled.end(), run.metrics[0].samples.begin(), run.metrics[0].samples.end());
    }
    EXPECT_EQ(*added.candidate, stats::quantile(pooled, 0.9));
}

TEST(PairedStatistic, FewPermutationsUnderAStrictCorrectedAlphaAreNoted) {
    Options run;
    run.resamples = 30;  // the smallest p-value is 1/31, above 0.05 / 2 (two gated metrics)
    const Sides sides = rounds_of(10, 1.4);
    const auto comparisons = compare_rounds(sides.base, sides.head, run, on(Statistic::p95));
    const model::Comparison& tail = find(comparisons, "tail");
    EXPECT_EQ(tail.test, k_sign_flip_test);
    ASSERT_FALSE(tail.notes.empty());
    EXPECT_EQ(tail.notes.back(), "30 permutations cannot give a p-value below the corrected alpha");
}

TEST(PairedStatistic, TheSameSeedGivesTheSameIntervalAndPValue) {
    const Sides sides = rounds_of(10, 1.4);
    Options run;
    run.seed = 5;
    const auto a = compare_rounds(sides.base, sides.head, run, on(Statistic::p95));
    const auto b = compare_rounds(sides.base, sides.head, run, on(Statistic::p95));
    for (const char* name : {"tail", "same"}) {
        EXPECT_EQ(find(a, name).ci->low, find(b, name).ci->low);
        EXPECT_EQ(find(a, name).ci->high, find(b, name).ci->high);
        EXPECT_EQ(find(a, name).p_value, find(b, name).p_value);
    }
}

}  // namespace
}  // namespace caws::compare
