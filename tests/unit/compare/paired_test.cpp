#include "compare/paired.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "stats/wilcoxon.hpp"

namespace caws::compare {
namespace {

using model::ChangeClass;

// A round's drift, shared by both sides of the round: the machine got slower and faster
// by up to 30% between rounds, far more than the changes the tests look for.
const std::vector<double> k_drift{1.00, 1.21, 0.93, 1.30, 1.05, 0.88, 1.12, 0.97, 1.25, 1.02};
// Each side's own noise within a round, below 1% either way.
const std::vector<double> k_jitter{1.004, 0.997, 1.001, 0.995, 1.006,
                                   0.999, 1.003, 0.996, 1.0,   1.002};

model::Metric metric(const std::string& name, const std::string& measure, double value) {
    model::Metric m;
    m.name = name;
    m.measure = measure;
    const bool rate = measure == "items_per_second";
    m.unit = rate ? model::per_second() : model::seconds();
    m.direction = rate ? model::Direction::higher : model::Direction::lower;
    m.samples = {value};
    return m;
}

// Rounds of one side: for each metric (name -> value in round r), a run per round.
using Values = std::map<std::string, std::vector<double>>;

std::vector<model::Run> rounds_of(const Values& values, const std::string& measure = "cpu_time") {
    std::size_t count = 0;
    for (const auto& [name, series] : values) count = std::max(count, series.size());
    std::vector<model::Run> rounds(count);
    for (const auto& [name, series] : values) {
        for (std::size_t r = 0; r < series.size(); ++r) {
            if (!std::isnan(series[r]))
                rounds[r].metrics.push_back(metric(name, measure, series[r]));
        }
    }
    return rounds;
}

// value * drift_r * (the jitter of round r, shifted by `phase` for the other side).
std::vector<double> series(double value, double factor, std::size_t phase = 0, std::size_t n = 10) {
    std::vector<double> out;
    for (std::size_t r = 0; r < n; ++r) {
        out.push_back(value * factor * k_drift[r % 10] * k_jitter[(r + phase) % 10]);
    }
    return out;
}

const model::Comparison& find(const std::vector<model::Comparison>& comparisons,
                              const std::string& name) {
    for (const model::Comparison& c : comparisons) {
        if (c.metric == name) return c;
    }
    throw std::runtime_error("no comparison " + name);
}

TEST(PairedRounds, ClearRegressionsOverTenDriftingRoundsGetTheirClasses) {
    const Values base{{"BM_Hash", series(1e-6, 1.0)},
                      {"BM_Crc", series(2e-6, 1.0)},
                      {"BM_Same", series(3e-6, 1.0)}};
    const Values head{{"BM_Hash", series(1e-6, 1.3, 3)},
                      {"BM_Crc", series(2e-6, 2.0, 5)},
                      {"BM_Same", series(3e-6, 1.0, 7)}};
    const auto comparisons = compare_rounds(rounds_of(base), rounds_of(head), Options{});
    ASSERT_EQ(comparisons.size(), 3u);

    const model::Comparison& hash = find(comparisons, "BM_Hash");
    EXPECT_EQ(hash.change, ChangeClass::minor);
    EXPECT_NEAR(*hash.ratio, 1.3, 0.01);
    EXPECT_EQ(hash.test, "wilcoxon");
    EXPECT_EQ(hash.test_variant, "exact");
    EXPECT_EQ(hash.ci_method, "hodges-lehmann-paired");
    EXPECT_EQ(hash.n_baseline, 10u);
    EXPECT_EQ(hash.n_candidate, 10u);
    EXPECT_DOUBLE_EQ(*hash.p_value, 2.0 / 1024);  // every round slower: the exact minimum
    EXPECT_TRUE(hash.significant);
    ASSERT_TRUE(hash.ci.has_value());
    EXPECT_LT(hash.ci->low, 1.3);
    EXPECT_GT(hash.ci->high, 1.3);
    EXPECT_LT(hash.ci->high - hash.ci->low, 0.02);  // the drift cancels in the pairs
    EXPECT_EQ(hash.statistic, "median");
    ASSERT_TRUE(hash.baseline && hash.candidate);
    EXPECT_NEAR(*hash.candidate / *hash.baseline, 1.3, 0.02);
    ASSERT_TRUE(hash.noise_baseline && hash.noise_baseline->cv);
    EXPECT_GT(*hash.noise_baseline->cv, 0.1);  // the drift shows in each side alone

    const model::Comparison& crc = find(comparisons, "BM_Crc");
    EXPECT_EQ(crc.change, ChangeClass::severe);
    EXPECT_NEAR(*crc.ratio, 2.0, 0.02);

    const model::Comparison& same = find(comparisons, "BM_Same");
    EXPECT_EQ(same.change, ChangeClass::unchanged);
    EXPECT_NEAR(*same.ratio, 1.0, 0.01);
    EXPECT_TRUE(same.tested);
}

TEST(PairedRounds, UnchangedCodeStaysUnchangedAndInsignificant) {
    // A/A: the same value on both sides, each with its own jitter.
    Values base;
    Values head;
    for (int i = 0; i < 12; ++i) {
        const std::string name = "BM_" + std::to_string(i);
        base[name] = series(1e-6 * (i + 1), 1.0, static_cast<std::size_t>(i));
        head[name] = series(1e-6 * (i + 1), 1.0, static_cast<std::size_t>(i + 4));
    }
    for (const model::Comparison& c : compare_rounds(rounds_of(base), rounds_of(head), Options{})) {
        EXPECT_EQ(c.change, ChangeClass::unchanged) << c.metric;
        EXPECT_FALSE(c.significant) << c.metric;
        EXPECT_NEAR(*c.ratio, 1.0, 0.012) << c.metric;
        ASSERT_TRUE(c.p_adjusted.has_value());
    }
}

TEST(PairedRounds, HigherIsBetterMeasuresAreOriented) {
    // Throughput 1.3x lower in the head: a ratio of 1.3, worse.
    const Values base{{"BM_Rate", series(1e6, 1.0)}};
    const Values head{{"BM_Rate", series(1e6, 1 / 1.3, 2)}};
    const auto comparisons = compare_rounds(rounds_of(base, "items_per_second"),
                                            rounds_of(head, "items_per_second"), Options{});
    ASSERT_EQ(comparisons.size(), 1u);
    const model::Comparison& c = comparisons.front();
    EXPECT_EQ(c.direction, model::Direction::higher);
    EXPECT_NEAR(*c.ratio, 1.3, 0.01);
    EXPECT_EQ(c.change, ChangeClass::minor);
    ASSERT_TRUE(c.ci.has_value());
    EXPECT_LT(c.ci->low, *c.ratio);
    EXPECT_GT(c.ci->high, *c.ratio);
}

TEST(PairedRounds, MetricsOnOneSideAreAddedOrRemoved) {
    const Values base{{"BM_Both", series(1e-6, 1.0)}, {"BM_Gone", series(1e-6, 1.0)}};
    const Values head{{"BM_Both", series(1e-6, 1.0, 1)}, {"BM_New", series(1e-6, 1.0)}};
    const auto comparisons = compare_rounds(rounds_of(base), rounds_of(head), Options{});
    ASSERT_EQ(comparisons.size(), 3u);
    EXPECT_EQ(comparisons[0].metric, "BM_Both");
    EXPECT_EQ(comparisons[1].metric, "BM_Gone");
    EXPECT_EQ(comparisons[1].change, ChangeClass::removed);
    EXPECT_TRUE(comparisons[1].baseline.has_value());
    EXPECT_EQ(comparisons[2].metric, "BM_New");
    EXPECT_EQ(comparisons[2].change, ChangeClass::added);
    EXPECT_EQ(comparisons[2].n_candidate, 10u);
}

TEST(PairedRounds, ARoundsValueIsTheMedianOfItsRepetitions) {
    model::Metric repeated = metric("BM_X", "cpu_time", 0);
    repeated.samples = {3e-6, 1e-6, 9e-6, 2e-6, 2.5e-6};
    EXPECT_DOUBLE_EQ(*round_value(repeated), 2.5e-6);

    model::Metric summary_only = metric("BM_X", "cpu_time", 0);
    summary_only.samples.clear();
    summary_only.summary = model::Summary{};
    summary_only.summary->mean = 4e-6;
    EXPECT_DOUBLE_EQ(*round_value(summary_only), 4e-6);
    summary_only.summary->median = 3e-6;
    EXPECT_DOUBLE_EQ(*round_value(summary_only), 3e-6);
    summary_only.status = model::Status::failed;
    EXPECT_FALSE(round_value(summary_only).has_value());

    // Three repetitions per round: one slow outlier per round does not move the pairs.
    std::vector<model::Run> base(8);
    std::vector<model::Run> head(8);
    for (std::size_t r = 0; r < 8; ++r) {
        model::Metric b = metric("BM_X", "cpu_time", 0);
        b.samples = {1e-6 * k_drift[r], 50e-6, 1e-6 * k_drift[r] * 0.999};
        model::Metric h = b;
        h.samples = {2e-6 * k_drift[r], 2e-6 * k_drift[r] * 1.001, 70e-6};
        base[r].metrics.push_back(b);
        head[r].metrics.push_back(h);
    }
    const auto comparisons = compare_rounds(base, head, Options{});
    ASSERT_EQ(comparisons.size(), 1u);
    EXPECT_NEAR(*comparisons[0].ratio, 2.0, 0.01);
    EXPECT_EQ(comparisons[0].n_baseline, 8u);
    EXPECT_EQ(merge_rounds(base).metrics[0].samples.size(), 8u);
}

TEST(PairedRounds, RoundsNeededFollowTheCorrectedAlpha) {
    const auto one_round = [](std::size_t metrics) {
        model::Run run;
        for (std::size_t i = 0; i < metrics; ++i) {
            run.metrics.push_back(metric("BM_" + std::to_string(i), "cpu_time", 1e-6));
        }
        return run;
    };
    Options options;
    EXPECT_EQ(rounds_needed(one_round(1), one_round(1), options).rounds, 6u);
    const RoundsNeeded six = rounds_needed(one_round(6), one_round(6), options);
    EXPECT_EQ(six.gated_metrics, 6u);
    EXPECT_DOUBLE_EQ(six.level, 0.05 / 6);
    EXPECT_EQ(six.rounds, 8u);
    EXPECT_EQ(rounds_needed(one_round(36), one_round(36), options).rounds, 11u);
    EXPECT_EQ(rounds_needed(one_round(1000), one_round(1000), options).rounds, 16u);
    options.correction = Correction::none;
    EXPECT_EQ(rounds_needed(one_round(36), one_round(36), options).rounds, 6u);

    // Only metrics gated on both sides count; a rule's smaller alpha raises the need.
    options.correction = Correction::holm;
    model::Run head = one_round(4);
    head.metrics[3].direction = model::Direction::unknown;
    const MetricOptions per_metric = [](const model::Metric& m) -> MetricGate {
        if (m.name == "BM_2") return {};  // a measure the gate does not gate
        Options own;
        own.alpha = m.name == "BM_0" ? 0.01 : 0.05;
        return {own};
    };
    const RoundsNeeded gated = rounds_needed(one_round(3), head, options, per_metric);
    EXPECT_EQ(gated.shared_metrics, 3u);
    EXPECT_EQ(gated.gated_metrics, 2u);
    EXPECT_DOUBLE_EQ(gated.level, 0.005);
    EXPECT_EQ(gated.rounds, stats::wilcoxon_min_pairs(0.005));
    EXPECT_EQ(rounds_needed(model::Run{}, model::Run{}, options).rounds, 6u);
}

TEST(PairedRounds, TheCorrectionAdjustsAcrossTheGatedMetrics) {
    // BM_Slow is 1.3x slower in nine rounds and slightly faster in the one with the
    // smallest difference: exact p = 2 P(W+ <= 1) = 4 / 1024.
    std::vector<double> slow_head = series(1e-6, 1.3, 0);
    slow_head[4] = 1e-6 * k_drift[4] * k_jitter[4] * 0.999;
    const auto family = [&](int others) {
        Values base{{"BM_Slow", series(1e-6, 1.0)}};
        Values head{{"BM_Slow", slow_head}};
        for (int i = 0; i < others; ++i) {
            const std::string name = "BM_Other" + std::to_string(i);
            base[name] = series(1e-6, 1.0, static_cast<std::size_t>(i));
            head[name] = series(1e-6, 1.0, static_cast<std::size_t>(i + 5));
        }
        return std::make_pair(rounds_of(base), rounds_of(head));
    };
    Options options;
    options.correction = Correction::holm;
    {
        const auto [base, head] = family(9);  // 10 metrics: 10 * 4/1024 < 0.05
        const model::Comparison& c = find(compare_rounds(base, head, options), "BM_Slow");
        EXPECT_DOUBLE_EQ(*c.p_value, 4.0 / 1024);
        EXPECT_DOUBLE_EQ(*c.p_adjusted, 40.0 / 1024);
        EXPECT_EQ(c.change, ChangeClass::minor);
    }
    const auto [base, head] = family(19);  // 20 metrics: 20 * 4/1024 > 0.05
    for (const Correction correction : {Correction::holm, Correction::bh}) {
        options.correction = correction;
        const model::Comparison& c = find(compare_rounds(base, head, options), "BM_Slow");
        EXPECT_NEAR(*c.p_adjusted, 80.0 / 1024, 1e-12);
        EXPECT_FALSE(c.significant);
        EXPECT_EQ(c.change, ChangeClass::unchanged);
    }
    options.correction = Correction::none;
    EXPECT_EQ(find(compare_rounds(base, head, options), "BM_Slow").change, ChangeClass::minor);
}

TEST(PairedRounds, EachMetricKeepsItsOwnThresholdsAlphaAndGating) {
    const Values base{{"BM_Hash", series(1e-6, 1.0)},
                      {"BM_Quiet", series(1e-6, 1.0)},
                      {"BM_Ungated", series(1e-6, 1.0)}};
    const Values head{{"BM_Hash", series(1e-6, 1.3, 3)},
                      {"BM_Quiet", series(1e-6, 1.3, 3)},
                      {"BM_Ungated", series(1e-6, 3.0, 3)}};
    const MetricOptions per_metric = [](const model::Metric& m) -> MetricGate {
        if (m.name == "BM_Ungated") return {};
        Options own;
        if (m.name == "BM_Hash") own.thresholds = {1.1, 1.25, 1.5};
        if (m.name == "BM_Quiet") own.alpha = 0.001;  // 10 rounds cannot reach it
        return {own};
    };
    const auto comparisons =
        compare_rounds(rounds_of(base), rounds_of(head), Options{}, per_metric);
    EXPECT_EQ(find(comparisons, "BM_Hash").change, ChangeClass::moderate);
    const model::Comparison& quiet = find(comparisons, "BM_Quiet");
    EXPECT_FALSE(quiet.tested);  // too few rounds for alpha 0.001: the ratio decides
    EXPECT_EQ(quiet.change, ChangeClass::minor);
    EXPECT_NE(quiet.notes.front().find("the exact test needs 11"), std::string::npos)
        << quiet.notes.front();
    const model::Comparison& ungated = find(comparisons, "BM_Ungated");
    EXPECT_FALSE(ungated.gated);
    EXPECT_EQ(ungated.change, ChangeClass::unchanged);
    EXPECT_FALSE(ungated.p_adjusted.has_value());
    EXPECT_EQ(ungated.notes.back(), "measure not gated by the gate file: reported, not gated");
}

TEST(PairedRounds, FailedSkippedAndMissingRounds) {
    std::vector<model::Run> base = rounds_of(
        {{"BM_A", series(1e-6, 1.0)}, {"BM_B", series(1e-6, 1.0)}, {"BM_C", series(1e-6, 1.0)}});
    std::vector<model::Run> head = base;
    // BM_A fails in round 3 of the head; BM_B skips itself in every round; BM_C is missing
    // from round 2 of the head.
    head[2].metrics[0].status = model::Status::failed;
    head[2].metrics[0].message = "out of memory";
    for (model::Run& round : head) {
        round.metrics[1].status = model::Status::skipped;
        round.metrics[1].message = "no GPU";
    }
    head[1].metrics.pop_back();
    const auto comparisons = compare_rounds(base, head, Options{});
    EXPECT_EQ(find(comparisons, "BM_A").change, ChangeClass::failed);
    EXPECT_EQ(find(comparisons, "BM_A").message, "round 3: out of memory");
    EXPECT_EQ(find(comparisons, "BM_B").change, ChangeClass::skipped);
    EXPECT_EQ(find(comparisons, "BM_B").message, "no GPU");
    const model::Comparison& c = find(comparisons, "BM_C");
    EXPECT_EQ(c.n_baseline, 9u);
    EXPECT_EQ(c.notes.front(), "measured on both sides in 9 of 10 rounds");
    EXPECT_EQ(c.change, ChangeClass::unchanged);

    const model::Run merged = merge_rounds(head);
    ASSERT_EQ(merged.metrics.size(), 3u);
    EXPECT_EQ(merged.metrics[0].status, model::Status::failed);
    EXPECT_EQ(merged.metrics[1].status, model::Status::skipped);
    EXPECT_EQ(merged.metrics[2].samples.size(), 9u);
}

TEST(PairedRounds, IdenticalRoundsAreUnchangedWithoutATest) {
    const Values same{{"BM_Same", series(1e-6, 1.0)}};
    const auto comparisons = compare_rounds(rounds_of(same), rounds_of(same), Options{});
    ASSERT_EQ(comparisons.size(), 1u);
    EXPECT_FALSE(comparisons[0].tested);
    EXPECT_EQ(comparisons[0].change, ChangeClass::unchanged);
    EXPECT_DOUBLE_EQ(*comparisons[0].ratio, 1.0);
    EXPECT_EQ(comparisons[0].notes.back(),
              "both sides measured the same in every round: the ratio alone decides");
}

TEST(PairedRounds, ABimodalHeadIsNotedWhenItsMedianLeavesTheInterval) {
    // 14 of 30 head rounds 40% slower, the others within 1% either way: the median of the
    // log ratios stays among the small ones, while every Walsh average at or above the
    // interval's lower end pairs a slow round.
    std::vector<double> base_values;
    std::vector<double> head_values;
    int small = 0;
    for (std::size_t r = 0; r < 30; ++r) {
        const double b = 1e-6 * k_drift[r % 10];
        const double d = r % 15 < 7 ? std::log(1.4) : -0.01 + 0.02 * small++ / 15.0;
        base_values.push_back(b);
        head_values.push_back(b * std::exp(d));
    }
    const auto comparisons = compare_rounds(rounds_of({{"BM", base_values}}),
                                            rounds_of({{"BM", head_values}}), Options{});
    const model::Comparison& c = comparisons.front();
    ASSERT_TRUE(c.ci.has_value());
    EXPECT_LT(*c.ratio, c.ci->low);
    EXPECT_NE(std::find(c.notes.begin(), c.notes.end(),
                        "the median round ratio lies outside the interval: the change is not a "
                        "plain shift (one side may be bimodal)"),
              c.notes.end());
}

}  // namespace
}  // namespace caws::compare
