#include "compare/comparator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace caws::compare {
namespace {

using model::ChangeClass;

model::Metric timed(const std::string& name, std::vector<double> samples,
                    model::Direction direction = model::Direction::lower) {
    model::Metric m;
    m.name = name;
    m.measure = direction == model::Direction::higher ? "items_per_second" : "cpu_time";
    m.unit = direction == model::Direction::higher ? model::per_second() : model::seconds();
    m.direction = direction;
    m.samples = std::move(samples);
    return m;
}

std::vector<double> scaled(const std::vector<double>& values, double factor) {
    std::vector<double> out;
    for (const double v : values) out.push_back(v * factor);
    return out;
}

const std::vector<double> k_base{1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00, 1.01, 0.99};

TEST(Classify, ThresholdsAndImprovements) {
    const Thresholds t;
    EXPECT_EQ(classify(2.0, true, t), ChangeClass::severe);
    EXPECT_EQ(classify(1.99, true, t), ChangeClass::moderate);
    EXPECT_EQ(classify(1.5, true, t), ChangeClass::moderate);
    EXPECT_EQ(classify(1.2, true, t), ChangeClass::minor);
    EXPECT_EQ(classify(1.19, true, t), ChangeClass::unchanged);
    EXPECT_EQ(classify(1.0 / 1.2, true, t), ChangeClass::improved);
    EXPECT_EQ(classify(0.9, true, t), ChangeClass::unchanged);
    EXPECT_EQ(classify(5.0, false, t), ChangeClass::unchanged);  // not significant
}

TEST(ComparatorClasses, SignificantSlowdownsGetTheirClass) {
    for (const auto& [factor, expected] :
         std::vector<std::pair<double, ChangeClass>>{{1.3, ChangeClass::minor},
                                                     {1.7, ChangeClass::moderate},
                                                     {2.5, ChangeClass::severe},
                                                     {1.05, ChangeClass::unchanged},
                                                     {0.7, ChangeClass::improved}}) {
        const model::Metric a = timed("BM", k_base);
        const model::Metric b = timed("BM", scaled(k_base, factor));
        const model::Comparison c = compare_metric(&a, &b);
        EXPECT_EQ(c.change, expected) << factor;
        EXPECT_NEAR(*c.ratio, factor, 1e-12);
        EXPECT_TRUE(c.tested);
        EXPECT_EQ(c.test, "mann-whitney");
        EXPECT_EQ(c.test_variant, "asymptotic");
        EXPECT_EQ(c.n_baseline, 10u);
        EXPECT_EQ(c.statistic, "median");
    }
}

TEST(ComparatorClasses, RatiosAreOrientedSoAboveOneIsWorse) {
    const model::Metric a = timed("BM", k_base, model::Direction::higher);
    const model::Metric b = timed("BM", scaled(k_base, 0.5), model::Direction::higher);
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_NEAR(*c.ratio, 2.0, 1e-12);  // throughput halved: 2x worse
    EXPECT_EQ(c.change, ChangeClass::severe);
}

TEST(ComparatorClasses, NoisyOverlapIsNotSignificant) {
    const model::Metric a = timed("BM", {1.0, 1.5, 0.8, 1.2, 1.4, 0.9, 1.1, 1.3, 0.7, 1.6});
    const model::Metric b = timed("BM", {1.5, 1.8, 1.0, 1.35, 1.3, 1.45, 1.6, 0.8, 1.9, 0.9});
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_GT(*c.ratio, 1.2);
    EXPECT_GE(*c.p_value, 0.05);
    EXPECT_EQ(c.change, ChangeClass::unchanged);
}

TEST(ComparatorClasses, ThreeAgainstThreeIsTestedOnLogValuesByDefault) {
    const model::Metric a = timed("BM", {1.0, 1.1, 0.9});
    const model::Metric b = timed("BM", {1.6, 1.7, 1.5});
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_TRUE(c.tested);
    EXPECT_EQ(c.test, "welch");
    EXPECT_EQ(c.change, ChangeClass::moderate);
}

TEST(ComparatorClasses, TooFewSamplesForTheRankTestClassifyByRatioAloneAndSaySo) {
    const model::Metric a = timed("BM", {1.0, 1.1, 0.9});
    const model::Metric b = timed("BM", {1.6, 1.7, 1.5});
    Options options;
    options.test = SignificanceTest::mann_whitney;
    const model::Comparison c = compare_metric(&a, &b, options);
    EXPECT_FALSE(c.tested);
    EXPECT_EQ(c.test, "none");
    EXPECT_FALSE(c.p_value);
    EXPECT_EQ(c.change, ChangeClass::moderate);
    ASSERT_FALSE(c.notes.empty());
    EXPECT_NE(std::find(c.notes.begin(), c.notes.end(),
                        "too few samples to test (3 vs 3): the ratio alone decides"),
              c.notes.end());
}

TEST(ComparatorClasses, FourAgainstFourCanBeTestedExactly) {
    const model::Metric a = timed("BM", {1.0, 1.1, 0.9, 1.05});
    const model::Metric b = timed("BM", {1.6, 1.7, 1.5, 1.65});
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_TRUE(c.tested);
    EXPECT_EQ(c.test, "mann-whitney");
    EXPECT_EQ(c.test_variant, "exact");
    EXPECT_NEAR(*c.p_value, 2.0 / 70.0, 1e-12);
    EXPECT_EQ(c.change, ChangeClass::moderate);
}

TEST(ComparatorClasses, SummariesCompareMediansWithWelchFromMeanStddevAndN) {
    model::Metric a = timed("BM", {});
    a.summary = model::Summary{10, 1.05, 0.1, 1.0, {}, {}, {}, {}, {}};
    model::Metric b = timed("BM", {});
    b.summary = model::Summary{10, 1.55, 0.1, 1.5, {}, {}, {}, {}, {}};
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_NEAR(*c.ratio, 1.5, 1e-12);
    EXPECT_TRUE(c.tested);
    EXPECT_EQ(c.test, "welch");
    EXPECT_EQ(c.change, ChangeClass::moderate);
}

TEST(ComparatorClasses, FallsBackToMeansWhenASideHasNoMedian) {
    model::Metric a = timed("BM", {1.0, 1.0, 1.0});
    model::Metric b = timed("BM", {});
    b.summary = model::Summary{3, 1.3, 0.1, std::nullopt, {}, {}, {}, {}, {}};
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_EQ(c.statistic, "mean");
    EXPECT_NEAR(*c.ratio, 1.3, 1e-12);
}

TEST(ComparatorClasses, AddedRemovedFailedSkipped) {
    const model::Metric a = timed("BM", k_base);
    EXPECT_EQ(compare_metric(&a, nullptr).change, ChangeClass::removed);
    EXPECT_EQ(compare_metric(nullptr, &a).change, ChangeClass::added);
    model::Metric failed = timed("BM", {});
    failed.status = model::Status::failed;
    failed.message = "boom";
    const model::Comparison f = compare_metric(&a, &failed);
    EXPECT_EQ(f.change, ChangeClass::failed);
    EXPECT_EQ(f.message, "boom");
    model::Metric skipped = failed;
    skipped.status = model::Status::skipped;
    EXPECT_EQ(compare_metric(&a, &skipped).change, ChangeClass::skipped);
    // A benchmark that failed in the baseline and runs now is new to the gate.
    const model::Comparison back = compare_metric(&failed, &a);
    EXPECT_EQ(back.change, ChangeClass::added);
    EXPECT_EQ(back.notes.at(0), "the benchmark failed in the baseline");
}

TEST(ComparatorClasses, UnknownDirectionIsReportedNotGated) {
    model::Metric a = timed("BM", k_base);
    a.direction = model::Direction::unknown;
    model::Metric b = a;
    b.samples = scaled(k_base, 3);
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_FALSE(c.gated);
    EXPECT_EQ(c.change, ChangeClass::unchanged);
    EXPECT_NEAR(*c.ratio, 3.0, 1e-12);
}

TEST(ComparatorClasses, ZeroBaselines) {
    const model::Metric zero = timed("BM", {0, 0, 0, 0, 0});
    const model::Metric some = timed("BM", {1, 1, 1, 1, 1});
    EXPECT_TRUE(std::isinf(*compare_metric(&zero, &some).ratio));
    EXPECT_EQ(compare_metric(&zero, &some).change, ChangeClass::severe);
    EXPECT_EQ(*compare_metric(&zero, &zero).ratio, 1.0);
}

TEST(ComparatorClasses, UnitsThatDifferAreNotCompared) {
    const model::Metric a = timed("BM", k_base);
    model::Metric b = a;
    b.unit = model::bytes();
    const model::Comparison c = compare_metric(&a, &b);
    EXPECT_FALSE(c.gated);
    EXPECT_FALSE(c.ratio);
}

TEST(CompareRunsOrder, BaselineOrderThenAddedInCandidateOrder) {
    model::Run baseline;
    baseline.metrics = {timed("A", k_base), timed("B", k_base), timed("C", k_base)};
    model::Run candidate;
    candidate.metrics = {timed("D", k_base), timed("C", k_base), timed("A", k_base),
                         timed("E", k_base)};
    const auto comparisons = compare_runs(baseline, candidate);
    ASSERT_EQ(comparisons.size(), 5u);
    EXPECT_EQ(comparisons[0].metric, "A");
    EXPECT_EQ(comparisons[1].metric, "B");
    EXPECT_EQ(comparisons[1].change, ChangeClass::removed);
    EXPECT_EQ(comparisons[2].metric, "C");
    EXPECT_EQ(comparisons[3].metric, "D");
    EXPECT_EQ(comparisons[3].change, ChangeClass::added);
    EXPECT_EQ(comparisons[4].metric, "E");
}

}  // namespace
}  // namespace caws::compare
