// Comparisons on a statistic other than the median: the interval and the p-value are those
// of the statistic's own ratio (compare/statistic_test.hpp).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "compare/comparator.hpp"
#include "compare/statistic_test.hpp"
#include "stats/descriptive.hpp"
#include "stats/student_t.hpp"

namespace caws::compare {
namespace {

// 500 log-normal quantiles around 120 ms, in a fixed shuffled order.
std::vector<double> bulk() {
    std::vector<double> sorted(500);
    for (std::size_t i = 0; i < 500; ++i) {
        const double u = (static_cast<double>(i) + 0.5) / 500;
        // The normal quantile by inverting erfc: enough for a test's data.
        double z = 0;
        for (int k = 0; k < 60; ++k) {
            const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
            z -= (cdf - u) / (std::exp(-z * z / 2) / std::sqrt(2 * M_PI));
        }
        sorted[i] = 120 * std::exp(0.25 * z);
    }
    std::vector<double> out(500);
    for (std::size_t i = 0; i < 500; ++i) out[i] = sorted[(7 * i) % 500];
    return out;
}

// The slowest fifth stretched, up to 1.6x at the 95th percentile; the median unchanged.
std::vector<double> heavier_tail(const std::vector<double>& values) {
    std::vector<double> out = values;
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    for (double& v : out) {
        const auto rank =
            static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
        const double u = (rank + 0.5) / 500;
        if (u > 0.8) v *= 1 + 4 * (u - 0.8);
    }
    return out;
}

model::Metric latency(std::vector<double> samples,
                      model::Direction direction = model::Direction::lower) {
    model::Metric metric;
    metric.name = "ttfa_ms";
    metric.measure = "value";
    metric.unit = model::seconds();
    metric.direction = direction;
    metric.samples = std::move(samples);
    return metric;
}

Options on(Statistic statistic) {
    Options options;
    options.statistic = statistic;
    return options;
}

TEST(StatisticComparison, ATailRegressionIsFoundOnP95AndUnchangedOnTheMedian) {
    const auto b = latency(bulk());
    const auto c = latency(heavier_tail(bulk()));
    const model::Comparison p95 = compare_metric(&b, &c, on(Statistic::p95));
    ASSERT_TRUE(p95.ratio && p95.ci && p95.p_value);
    EXPECT_EQ(p95.statistic, "p95");
    EXPECT_NEAR(*p95.ratio, 1.6, 0.02);
    EXPECT_EQ(p95.test, k_permutation_test);
    EXPECT_EQ(p95.test_variant, "monte-carlo");
    EXPECT_EQ(p95.ci_method, k_bca_ci_method);  // 25 of 500 values beyond the p95
    EXPECT_LE(p95.ci->low, *p95.ratio);
    EXPECT_GE(p95.ci->high, *p95.ratio);
    EXPECT_LE(p95.ci->low, 1.6);
    EXPECT_GE(p95.ci->high, 1.6);
    EXPECT_GT(p95.ci->low, 1.2);
    EXPECT_LT(*p95.p_value, 0.001);
    EXPECT_EQ(p95.change, model::ChangeClass::moderate);

    const model::Comparison median = compare_metric(&b, &c);
    EXPECT_EQ(median.test, "mann-whitney");
    EXPECT_EQ(median.ci_method, "hodges-lehmann");
    EXPECT_NEAR(*median.ratio, 1.0, 1e-12);
    EXPECT_EQ(median.change, model::ChangeClass::unchanged);
}

TEST(StatisticComparison, EveryStatisticNamesItsMethodsAndContainsItsRatio) {
    const auto b = latency(bulk());
    const auto c = latency(heavier_tail(bulk()));
    for (const Statistic statistic : {Statistic::mean, Statistic::p90, Statistic::p95,
                                      Statistic::p99, Statistic::min, Statistic::max}) {
        const model::Comparison r = compare_metric(&b, &c, on(statistic));
        const std::string name(to_string(statistic));
        ASSERT_TRUE(r.ratio && r.ci) << name;
        EXPECT_EQ(r.statistic, name);
        EXPECT_EQ(r.test, "permutation") << name;
        // 500 values: fewer than 5 beyond the quantile only for p99, min and max.
        EXPECT_EQ(r.ci_method,
                  uses_smoothing(statistic, 500) ? "smoothed-bootstrap" : "bca-bootstrap")
            << name;
        EXPECT_LE(r.ci->low, *r.ratio) << name;
        EXPECT_GE(r.ci->high, *r.ratio) << name;
        ASSERT_TRUE(r.power) << name;
        ASSERT_TRUE(r.power->noise) << name;
    }
}

TEST(StatisticComparison, QuantilesWithFewValuesBeyondThemAreSmoothed) {
    EXPECT_FALSE(uses_smoothing(Statistic::mean, 10));
    EXPECT_TRUE(uses_smoothing(Statistic::p95, 99));
    EXPECT_FALSE(uses_smoothing(Statistic::p95, 100));
    EXPECT_TRUE(uses_smoothing(Statistic::p99, 499));
    EXPECT_FALSE(uses_smoothing(Statistic::p99, 501));
    EXPECT_TRUE(uses_smoothing(Statistic::p90, 49));
    EXPECT_FALSE(uses_smoothing(Statistic::p90, 50));
    EXPECT_TRUE(uses_smoothing(Statistic::max, 100000));
    EXPECT_TRUE(uses_smoothing(Statistic::min, 100000));
}

TEST(StatisticComparison, HigherIsBetterRatiosAndIntervalsAreInverted) {
    // Throughput whose slow tail (its low quantiles) got worse: compared on min... here on
    // the mean, inverted like the ratio.
    const auto b = latency(bulk(), model::Direction::higher);
    const auto c = latency(heavier_tail(bulk()), model::Direction::higher);
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::mean));
    ASSERT_TRUE(r.ratio && r.ci);
    EXPECT_LT(*r.ratio, 1);  // a higher mean is better
    EXPECT_LE(r.ci->low, *r.ratio);
    EXPECT_GE(r.ci->high, *r.ratio);
    EXPECT_LT(r.ci->high, 1);
}

TEST(StatisticComparison, TheSeedMakesItReproducibleAndChangesTheDraws) {
    const auto b = latency(bulk());
    const auto c = latency(heavier_tail(bulk()));
    Options options = on(Statistic::p99);
    const model::Comparison first = compare_metric(&b, &c, options);
    const model::Comparison again = compare_metric(&b, &c, options);
    EXPECT_EQ(first.ci->low, again.ci->low);
    EXPECT_EQ(first.ci->high, again.ci->high);
    EXPECT_EQ(*first.p_value, *again.p_value);
    options.seed = 99;
    const model::Comparison other = compare_metric(&b, &c, options);
    EXPECT_NE(first.ci->low, other.ci->low);
}

TEST(StatisticComparison, NoChangeIsUnchangedWithAnIntervalAroundOne) {
    const auto b = latency(bulk());
    std::vector<double> shifted = bulk();
    std::rotate(shifted.begin(), shifted.begin() + 123, shifted.end());
    const auto c = latency(shifted);
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::p95));
    EXPECT_EQ(*r.ratio, 1.0);
    EXPECT_LE(r.ci->low, 1.0);
    EXPECT_GE(r.ci->high, 1.0);
    EXPECT_EQ(*r.p_value, 1.0);
    EXPECT_EQ(r.change, model::ChangeClass::unchanged);
    ASSERT_TRUE(r.power && r.power->repetitions_needed);
    // A p95 is noisier than a median: it needs more samples to see 1.2x.
    const model::Comparison median = compare_metric(&b, &c);
    ASSERT_TRUE(median.power && median.power->repetitions_needed);
    EXPECT_GT(*r.power->repetitions_needed, *median.power->repetitions_needed);
}

TEST(StatisticComparison, ASparseQuantilesPowerUsesAtLeastTheNormalTheoryNoise) {
    // 50 log-normal values per side (sigma 0.3, at their quantiles): half a value above
    // the p99, whose bootstrap error is compressed. The advice must not rest on it alone:
    // the noise of one value is at least sigma_log sqrt(p (1 - p)) / phi(z_p), 3.73 sigma.
    std::vector<double> base;
    std::vector<double> cand;
    std::vector<double> logs;
    for (std::size_t i = 0; i < 50; ++i) {
        const double u = (static_cast<double>(i) + 0.5) / 50;
        const double z = stats::normal_quantile(u);
        base.push_back(100 * std::exp(0.3 * z));
        cand.push_back(100 * std::exp(0.3 * z) * (1 + 0.001 * static_cast<double>(i % 3)));
    }
    for (const double v : base) logs.push_back(std::log(v));
    for (const double v : cand) logs.push_back(std::log(v));
    const auto b = latency(base);
    const auto c = latency(cand);
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::p99));
    ASSERT_TRUE(r.power && r.power->noise && r.power->repetitions_needed);
    double sb = 0;
    double sc = 0;
    for (std::size_t i = 0; i < 50; ++i) {
        sb += logs[i];
        sc += logs[50 + i];
    }
    double squares = 0;
    for (std::size_t i = 0; i < 50; ++i) {
        squares += (logs[i] - sb / 50) * (logs[i] - sb / 50);
        squares += (logs[50 + i] - sc / 50) * (logs[50 + i] - sc / 50);
    }
    const double sigma = std::sqrt(squares / 98);
    const double zp = stats::normal_quantile(0.99);
    const double normal_theory =
        sigma * std::sqrt(0.99 * 0.01) / (std::exp(-zp * zp / 2) / std::sqrt(2 * M_PI));
    EXPECT_GE(*r.power->noise, normal_theory * (1 - 1e-12));
    EXPECT_NEAR(normal_theory / sigma, 3.73, 0.01);
    // About 590 samples per side for 1.2x at sigma 0.3, not the ~200 the compressed
    // bootstrap error of 50 values gave.
    EXPECT_GT(*r.power->repetitions_needed, 450U);
}

TEST(StatisticComparison, AMaximumGetsNoRepetitionsButANote) {
    // More samples help a maximum's test little: no number is advised, a note says why.
    std::vector<double> base;
    std::vector<double> cand;
    for (std::size_t i = 0; i < 50; ++i) {
        const double z = stats::normal_quantile((static_cast<double>(i) + 0.5) / 50);
        base.push_back(100 * std::exp(0.3 * z));
        cand.push_back(100 * std::exp(0.3 * z) * (1 + 0.001 * static_cast<double>(i % 3)));
    }
    const auto b = latency(base);
    const auto c = latency(cand);
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::max));
    ASSERT_TRUE(r.power);
    EXPECT_TRUE(r.power->needs_repetitions);
    EXPECT_FALSE(r.power->repetitions_needed);
    EXPECT_FALSE(r.power->rounds_needed);
    ASSERT_FALSE(r.notes.empty());
    EXPECT_EQ(r.notes.back(),
              "more samples help a max's test little: it moves with the most extreme values a "
              "larger sample meets, and its test finds a change of the tail only weakly; gate a "
              "p99 to detect one");
}

TEST(StatisticComparison, TooFewSamplesLeaveTheRatioToDecide) {
    const auto b = latency({100, 101, 102});
    const auto c = latency({150, 151, 152});
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::p95));
    EXPECT_FALSE(r.tested);
    EXPECT_EQ(r.test, "none");
    EXPECT_TRUE(r.ci);
    EXPECT_EQ(r.change, model::ChangeClass::minor);
}

TEST(StatisticComparison, SummariesWithoutSamplesKeepTheirOldTest) {
    model::Metric b = latency({});
    model::Metric c = latency({});
    model::Summary s;
    s.n = 100;
    s.mean = 10;
    s.stddev = 1;
    s.p95 = 12;
    b.summary = s;
    s.p95 = 18;
    s.mean = 10.1;
    c.summary = s;
    const model::Comparison r = compare_metric(&b, &c, on(Statistic::p95));
    EXPECT_EQ(r.statistic, "p95");
    EXPECT_NE(r.test, "permutation");
}

}  // namespace
}  // namespace caws::compare
