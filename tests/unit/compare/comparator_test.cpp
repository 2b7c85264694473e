#include "compare/comparator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "stats/hodges_lehmann.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/mann_whitney_ties.hpp"
#include "stats/moderated_t.hpp"
#include "stats/multiple_testing.hpp"
#include "stats/student_t.hpp"
#include "stats/welch.hpp"
#include "support/simulated_runs.hpp"

namespace caws::compare {
namespace {

model::Summary summary(std::size_t n, double mean, double stddev) {
    model::Summary s;
    s.n = n;
    s.mean = mean;
    s.stddev = stddev;
    s.median = mean;
    return s;
}

model::Metric timing(const std::string& name, std::vector<double> samples,
                     model::Direction direction = model::Direction::lower) {
    model::Metric metric;
    metric.name = name;
    metric.measure = "cpu_time";
    metric.unit = model::seconds();
    metric.direction = direction;
    metric.samples = std::move(samples);
    return metric;
}

std::vector<double> scaled(const std::vector<double>& values, double factor) {
    std::vector<double> out;
    for (const double v : values) out.push_back(v * factor);
    return out;
}

const std::vector<double> k_ten{1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.00, 1.015, 0.985};
const std::vector<double> k_five{1.0, 1.1, 0.9, 1.05, 0.95};

bool has_note(const model::Comparison& c, const std::string& text) {
    return std::any_of(c.notes.begin(), c.notes.end(), [&](const std::string& note) {
        return note.find(text) != std::string::npos;
    });
}

TEST(Comparator, AutoUsesTheRankTestWhenTheSizesCanReachTheCorrectedAlpha) {
    const auto b = timing("BM_A", k_ten);
    const auto c = timing("BM_A", scaled(k_ten, 1.3));
    RunContext context;
    context.family_size = 100;  // alpha / 100 = 5e-4 > 2 / C(20, 10)
    const model::Comparison result = compare_metric(&b, &c, Options{}, context);
    EXPECT_EQ(result.test, "mann-whitney");
    EXPECT_TRUE(result.tested);
    EXPECT_DOUBLE_EQ(*result.p_value, stats::mann_whitney_u(b.samples, c.samples).p_value);
    EXPECT_EQ(result.test_variant, "asymptotic");  // scipy's auto: exact only up to 8 per side
    EXPECT_EQ(result.change, model::ChangeClass::minor);
}

TEST(Comparator, AutoFallsBackToWelchOnLogValuesWithoutAPrior) {
    const auto b = timing("BM_A", k_five);
    const auto c = timing("BM_A", scaled(k_five, 2.5));
    RunContext context;
    context.family_size = 100;  // 2 / C(10, 5) = 0.0079 > 5e-4: the rank test cannot reach it
    const model::Comparison result = compare_metric(&b, &c, Options{}, context);
    EXPECT_EQ(result.test, "welch");
    EXPECT_EQ(result.test_variant, "log");
    std::vector<double> lb, lc;
    for (const double v : b.samples) lb.push_back(std::log(v));
    for (const double v : c.samples) lc.push_back(std::log(v));
    EXPECT_DOUBLE_EQ(*result.p_value, stats::welch_t_test(lb, lc)->p_value);
    // Without correction the rank test can reach alpha at 5 vs 5.
    Options none;
    none.correction = Correction::none;
    EXPECT_EQ(compare_metric(&b, &c, none, context).test, "mann-whitney");
}

TEST(Comparator, AutoUsesTheModeratedTestWithAPrior) {
    const auto b = timing("BM_A", k_five);
    const auto c = timing("BM_A", scaled(k_five, 1.5));
    const stats::NoisePrior prior{8, 0.01, 40};
    RunContext context;
    context.family_size = 40;
    context.prior = &prior;
    const model::Comparison result = compare_metric(&b, &c, Options{}, context);
    EXPECT_EQ(result.test, "moderated-t");
    ASSERT_TRUE(result.power);
    ASSERT_TRUE(result.power->noise);
    // posterior of the pooled log variance (df 8) and the prior (df 8)
    std::vector<double> lb;
    for (const double v : b.samples) lb.push_back(std::log(v));
    const double pooled = stats::summarize(lb).stddev * stats::summarize(lb).stddev;
    EXPECT_NEAR(*result.power->noise, std::sqrt((8 * 0.01 + 8 * pooled) / 16), 1e-12);
}

TEST(Comparator, ExplicitTestsAreHonoured) {
    const auto b = timing("BM_A", {1.0, 1.1, 1.1, 1.2, 1.3, 1.0});
    const auto c = timing("BM_A", {1.2, 1.3, 1.3, 1.4, 1.1, 1.5});
    Options options;
    options.test = compare::SignificanceTest::mann_whitney_exact;
    const model::Comparison exact = compare_metric(&b, &c, options);
    EXPECT_EQ(exact.test, "mann-whitney-exact");
    EXPECT_EQ(exact.test_variant, "exact");
    EXPECT_DOUBLE_EQ(*exact.p_value, stats::mann_whitney_tie_exact(b.samples, c.samples).p_value);
    options.test = compare::SignificanceTest::welch;
    EXPECT_EQ(compare_metric(&b, &c, options).test, "welch");
    options.test =
        compare::SignificanceTest::moderated_t;  // no prior for a single metric: Welch, with a note
    const model::Comparison moderated = compare_metric(&b, &c, options);
    EXPECT_EQ(moderated.test, "welch");
    EXPECT_TRUE(has_note(moderated, "to pool the noise"));
    options.test = compare::SignificanceTest::mann_whitney;
    EXPECT_EQ(compare_metric(&b, &c, options).test, "mann-whitney");
}

TEST(Comparator, OneRepetitionIsUntestedAndAsksForMore) {
    const auto b = timing("BM_A", {1.0});
    const auto c = timing("BM_A", {1.5});
    const model::Comparison result = compare_metric(&b, &c);
    EXPECT_FALSE(result.tested);
    EXPECT_EQ(result.test, "none");
    EXPECT_FALSE(result.p_value);
    EXPECT_EQ(result.change, model::ChangeClass::moderate);  // the ratio alone decides
    EXPECT_TRUE(has_note(result, "too few samples to test (1 vs 1)"));
    ASSERT_TRUE(result.power);
    EXPECT_TRUE(std::isinf(*result.power->min_detectable_ratio));
    EXPECT_TRUE(result.power->needs_repetitions);
    EXPECT_FALSE(result.power->repetitions_needed);  // no noise to go by
    EXPECT_FALSE(result.ci);
}

TEST(Comparator, SummariesUseWelchFromMeanStddevAndN) {
    model::Metric b = timing("BM_A", {});
    model::Metric c = timing("BM_A", {});
    b.summary = summary(10, 1.0e-6, 0.05e-6);
    c.summary = summary(10, 1.2e-6, 0.06e-6);
    const model::Comparison result = compare_metric(&b, &c);
    EXPECT_EQ(result.test, "welch");
    EXPECT_EQ(result.test_variant, "summary");
    const auto expected = stats::welch_t_test(stats::SampleSummary{1.0e-6, 0.05e-6, 10},
                                              stats::SampleSummary{1.2e-6, 0.06e-6, 10});
    EXPECT_DOUBLE_EQ(*result.p_value, expected->p_value);
    EXPECT_EQ(result.change, model::ChangeClass::minor);
    ASSERT_TRUE(result.noise_baseline && result.noise_baseline->cv);
    EXPECT_DOUBLE_EQ(*result.noise_baseline->cv, 0.05);
    EXPECT_FALSE(result.noise_baseline->mad);
    ASSERT_TRUE(result.power);
    EXPECT_TRUE(result.power->repetitions_needed);
}

TEST(Comparator, SummariesWithoutNAreClassifiedByRatioAlone) {
    model::Metric b = timing("BM_A", {});
    model::Metric c = timing("BM_A", {});
    b.summary = summary(0, 1.0e-6, 0.05e-6);
    c.summary = summary(0, 2.5e-6, 0.05e-6);
    const model::Comparison result = compare_metric(&b, &c);
    EXPECT_FALSE(result.tested);
    EXPECT_EQ(result.change, model::ChangeClass::severe);
    EXPECT_TRUE(has_note(result, "no individual samples"));
    EXPECT_FALSE(result.power);  // more repetitions would not help
}

TEST(Comparator, IntervalsAreOrientedLikeTheRatio) {
    const auto lower_b = timing("BM_A", k_ten);
    const auto lower_c = timing("BM_A", scaled(k_ten, 1.25));
    const model::Comparison lower = compare_metric(&lower_b, &lower_c);
    ASSERT_TRUE(lower.ci);
    EXPECT_EQ(lower.ci_method, "hodges-lehmann");
    std::vector<double> lb, lc;
    for (const double v : lower_b.samples) lb.push_back(std::log(v));
    for (const double v : lower_c.samples) lc.push_back(std::log(v));
    const stats::ShiftEstimate shift = stats::hodges_lehmann(lb, lc);
    EXPECT_DOUBLE_EQ(lower.ci->low, std::exp(shift.interval->low));
    EXPECT_DOUBLE_EQ(lower.ci->high, std::exp(shift.interval->high));
    EXPECT_LE(lower.ci->low, *lower.ratio);
    EXPECT_GE(lower.ci->high, *lower.ratio);

    // Throughput: higher is better, the oriented ratio is baseline / candidate.
    const auto higher_b = timing("BM_A", k_ten, model::Direction::higher);
    const auto higher_c = timing("BM_A", scaled(k_ten, 0.8), model::Direction::higher);
    const model::Comparison higher = compare_metric(&higher_b, &higher_c);
    ASSERT_TRUE(higher.ci);
    EXPECT_NEAR(*higher.ratio, 1.25, 1e-12);
    std::vector<double> hc;
    for (const double v : higher_c.samples) hc.push_back(std::log(v));
    const stats::ShiftEstimate drop = stats::hodges_lehmann(lb, hc);  // log(c) - log(b) < 0
    EXPECT_DOUBLE_EQ(higher.ci->low, 1 / std::exp(drop.interval->high));
    EXPECT_DOUBLE_EQ(higher.ci->high, 1 / std::exp(drop.interval->low));
    EXPECT_LE(higher.ci->low, *higher.ratio);
    EXPECT_GE(higher.ci->high, *higher.ratio);
    EXPECT_GT(higher.ci->low, 1.0);
    EXPECT_EQ(higher.change, model::ChangeClass::minor);
}

TEST(Comparator, TooFewSamplesForHodgesLehmannFallBackToTheTInterval) {
    // 3 vs 3 cannot reach 95% with Hodges-Lehmann (P(U = 0) = 1/20 > 2.5%): the interval of
    // the moderated t-test on log values is reported instead.
    const auto b = timing("BM_A", {1.00, 1.04, 0.97});
    const auto c = timing("BM_A", {1.30, 1.27, 1.36});
    const stats::NoisePrior prior{12, 0.0009, 30};
    RunContext context;
    context.family_size = 30;
    context.prior = &prior;
    const model::Comparison result = compare_metric(&b, &c, Options{}, context);
    EXPECT_EQ(result.test, "moderated-t");
    ASSERT_TRUE(result.ci);
    EXPECT_EQ(result.ci_method, "t");
    std::vector<double> lb, lc;
    for (const double v : b.samples) lb.push_back(std::log(v));
    for (const double v : c.samples) lc.push_back(std::log(v));
    const auto t = stats::moderated_t_test(lb, lc, prior);
    const double half = stats::student_t_quantile(0.975, t->df) * t->standard_error;
    EXPECT_DOUBLE_EQ(result.ci->low, std::exp(t->difference - half));
    EXPECT_DOUBLE_EQ(result.ci->high, std::exp(t->difference + half));
    EXPECT_FALSE(has_note(result, "interval"));
}

TEST(Comparator, BootstrapIntervalsDependOnTheSeedAndTheMetricOnly) {
    Options options;
    options.ci = CiMethod::bootstrap;
    options.seed = 3;
    const auto runs = test::simulate_runs({1.1, 1.2, 1.3}, 10, 10, 0.05, 9);
    const auto all = compare_runs(runs.baseline, runs.candidate, options);
    model::Run baseline_one;
    model::Run candidate_one;
    baseline_one.metrics.push_back(runs.baseline.metrics[1]);
    candidate_one.metrics.push_back(runs.candidate.metrics[1]);
    const auto one = compare_runs(baseline_one, candidate_one, options);
    ASSERT_TRUE(all[1].ci && one[0].ci);
    EXPECT_EQ(all[1].ci_method, "bootstrap");
    EXPECT_EQ(all[1].ci->low, one[0].ci->low);
    EXPECT_EQ(all[1].ci->high, one[0].ci->high);
    options.seed = 4;
    const auto reseeded = compare_runs(runs.baseline, runs.candidate, options);
    EXPECT_NE(reseeded[1].ci->low, all[1].ci->low);
}

TEST(Comparator, OutliersAreCountedAndDroppedOnlyWhenAsked) {
    std::vector<double> with_outlier = k_ten;
    with_outlier[4] = 5.0;
    const auto b = timing("BM_A", k_ten);
    const auto c = timing("BM_A", with_outlier);
    const model::Comparison kept = compare_metric(&b, &c);
    ASSERT_TRUE(kept.noise_candidate);
    EXPECT_EQ(kept.noise_candidate->outliers, 1U);
    EXPECT_EQ(kept.n_candidate, 10U);
    EXPECT_FALSE(kept.outliers_dropped);
    Options options;
    options.drop_outliers = true;
    const model::Comparison dropped = compare_metric(&b, &c, options);
    EXPECT_TRUE(dropped.outliers_dropped);
    EXPECT_EQ(dropped.n_candidate, 9U);
    EXPECT_EQ(dropped.noise_candidate->outliers, 1U);  // measured before dropping
    EXPECT_TRUE(has_note(dropped, "outliers dropped: 0 baseline, 1 candidate"));
    EXPECT_LT(*dropped.noise_candidate->cv + 0, *kept.noise_candidate->cv + 1);
    EXPECT_LT(*dropped.candidate, *kept.candidate + 1e-15);
}

TEST(Comparator, NonPositiveValuesHaveNoLogTestOrInterval) {
    const auto b = timing("BM_A", {0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
    const auto c = timing("BM_A", {2, 3, 2, 2, 3, 2, 2, 3, 2, 2});
    const model::Comparison result = compare_metric(&b, &c);
    EXPECT_EQ(result.test, "mann-whitney");  // ranks do not need logs
    EXPECT_FALSE(result.ci);
    EXPECT_TRUE(has_note(result, "no ratio interval"));
    Options options;
    options.test = compare::SignificanceTest::welch;
    const model::Comparison welch = compare_metric(&b, &c, options);
    EXPECT_FALSE(welch.tested);
    EXPECT_TRUE(has_note(welch, "values not all positive"));
}

TEST(Comparator, CorrectionAcrossTheRunDecidesSignificance) {
    // Twenty quiet metrics; one slower by 1.25 with a p-value that is significant alone
    // but not after Benjamini-Hochberg across the twenty.
    std::vector<model::Comparison> comparisons(20);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        comparisons[i].ratio = 1.0;
        comparisons[i].tested = true;
        comparisons[i].p_value = 0.5 + 0.02 * static_cast<double>(i);
    }
    comparisons[0].ratio = 1.25;
    comparisons[0].p_value = 0.01;
    Options options;
    apply_correction(comparisons, options);
    std::vector<double> raw;
    for (const auto& c : comparisons) raw.push_back(*c.p_value);
    const std::vector<double> bh = stats::benjamini_hochberg_adjust(raw);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        EXPECT_DOUBLE_EQ(*comparisons[i].p_adjusted, bh[i]);
    }
    EXPECT_FALSE(comparisons[0].significant);
    EXPECT_EQ(comparisons[0].change, model::ChangeClass::unchanged);
    options.correction = Correction::none;
    apply_correction(comparisons, options);
    EXPECT_TRUE(comparisons[0].significant);
    EXPECT_EQ(comparisons[0].change, model::ChangeClass::minor);
    options.correction = Correction::holm;
    apply_correction(comparisons, options);
    EXPECT_DOUBLE_EQ(*comparisons[0].p_adjusted, 0.2);
}

TEST(Comparator, CompareRunsPoolsNoisePerMeasureAndCountsTheFamily) {
    const auto runs = test::simulate_runs(std::vector<double>(12, 1.0), 5, 5, 0.1, 77);
    const auto comparisons = compare_runs(runs.baseline, runs.candidate);
    ASSERT_EQ(comparisons.size(), 12U);
    for (const auto& c : comparisons) {
        EXPECT_EQ(c.test, "moderated-t");  // 12 >= k_min_metrics_for_prior metrics
        EXPECT_TRUE(c.p_adjusted);
    }
    // Five metrics of 4 vs 4: too few to pool, and 2 / C(8, 4) = 0.029 > 0.05 / 5.
    const auto few = test::simulate_runs(std::vector<double>(5, 1.0), 4, 4, 0.1, 78);
    for (const auto& c : compare_runs(few.baseline, few.candidate)) EXPECT_EQ(c.test, "welch");
    // Five metrics of 5 vs 5: 2 / C(10, 5) = 0.0079 <= 0.05 / 5, the rank test can reach it.
    const auto reachable = test::simulate_runs(std::vector<double>(5, 1.0), 5, 5, 0.1, 79);
    for (const auto& c : compare_runs(reachable.baseline, reachable.candidate)) {
        EXPECT_EQ(c.test, "mann-whitney");
    }
}

TEST(Comparator, UngatedMetricsAreNotCorrectedOrPowerAnalysed) {
    auto b = timing("BM_A", k_ten, model::Direction::unknown);
    auto c = timing("BM_A", scaled(k_ten, 2), model::Direction::unknown);
    const model::Comparison result = compare_metric(&b, &c);
    EXPECT_TRUE(result.tested);
    EXPECT_TRUE(result.p_value);
    EXPECT_FALSE(result.p_adjusted);
    EXPECT_FALSE(result.power);
    EXPECT_EQ(result.change, model::ChangeClass::unchanged);
}

TEST(Comparator, PowerTellsQuietFromNoisyMetrics) {
    const auto runs_quiet = test::simulate_runs(std::vector<double>(1, 1.0), 20, 20, 0.02, 5);
    const auto quiet = compare_runs(runs_quiet.baseline, runs_quiet.candidate);
    ASSERT_TRUE(quiet[0].power);
    EXPECT_FALSE(quiet[0].power->needs_repetitions);
    EXPECT_LT(*quiet[0].power->min_detectable_ratio, 1.05);
    const auto runs_noisy = test::simulate_runs(std::vector<double>(1, 1.0), 3, 3, 0.3, 6);
    const auto noisy = compare_runs(runs_noisy.baseline, runs_noisy.candidate);
    ASSERT_TRUE(noisy[0].power);
    EXPECT_EQ(noisy[0].test, "welch");
    EXPECT_TRUE(noisy[0].power->needs_repetitions);
    ASSERT_TRUE(noisy[0].power->repetitions_needed);
    EXPECT_GT(*noisy[0].power->repetitions_needed, 10U);
}

}  // namespace
}  // namespace caws::compare
