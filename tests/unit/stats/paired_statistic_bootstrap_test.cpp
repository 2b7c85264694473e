#include "stats/paired_statistic_bootstrap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "reference/paired_smoothed_reference.inc"
#include "reference/paired_statistic_reference.inc"
#include "stats/random.hpp"
#include "support/bca_checks.hpp"

namespace caws::stats {
namespace {

SampleStatistic statistic_named(const std::string& name) {
    if (name == "mean") return {SampleStatistic::Kind::mean, 0};
    if (name == "min") return {SampleStatistic::Kind::quantile, 0};
    if (name == "max") return {SampleStatistic::Kind::quantile, 1};
    return {SampleStatistic::Kind::quantile, std::stod(name.substr(1)) / 100};
}

std::vector<RoundSamples> rounds_of(const std::vector<std::vector<double>>& base,
                                    const std::vector<std::vector<double>>& head) {
    std::vector<RoundSamples> rounds;
    for (std::size_t r = 0; r < base.size(); ++r) rounds.push_back({base[r], head[r]});
    return rounds;
}

std::vector<RoundSamples> reference_rounds() {
    return rounds_of(k_ps_base, k_ps_head);
}

std::vector<std::size_t> every_round(std::size_t n) {
    std::vector<std::size_t> indices(n);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return indices;
}

// The ratios of the resamples of the rounds that bootstrap_paired_statistic_ratio draws
// first from its stream, without smoothing.
std::vector<double> plain_replicates(const std::vector<RoundSamples>& rounds,
                                     const SampleStatistic& statistic,
                                     const RatioBootstrapOptions& options) {
    std::vector<double> replicates;
    Random random(options.seed);
    std::vector<std::size_t> drawn(rounds.size());
    for (std::size_t b = 0; b < options.resamples; ++b) {
        for (std::size_t& index : drawn) {
            index = random.below(static_cast<std::uint32_t>(rounds.size()));
        }
        replicates.push_back(pooled_ratio(rounds, drawn, statistic));
    }
    return replicates;
}

TEST(PairedStatisticBootstrap, TheRatioOfGivenRoundResamplesIsNumpys) {
    const auto rounds = reference_rounds();
    for (const PairedGivenReference& r : k_ps_given) {
        const SampleStatistic statistic = statistic_named(r.statistic);
        EXPECT_NEAR(pooled_ratio(rounds, every_round(rounds.size()), statistic), r.estimate,
                    1e-14 * r.estimate)
            << r.statistic;
        ASSERT_EQ(r.replicates.size(), k_ps_drawn.size());
        for (std::size_t b = 0; b < k_ps_drawn.size(); ++b) {
            EXPECT_NEAR(pooled_ratio(rounds, k_ps_drawn[b], statistic), r.replicates[b],
                        1e-14 * r.replicates[b])
                << r.statistic << " resample " << b;
        }
    }
}

TEST(PairedStatisticBootstrap, TheJackknifeLeavesOutOneRoundWithBothSides) {
    const auto rounds = reference_rounds();
    for (const PairedGivenReference& r : k_ps_given) {
        const std::vector<double> jackknife = round_jackknife(rounds, statistic_named(r.statistic));
        ASSERT_EQ(jackknife.size(), r.jackknife.size());
        for (std::size_t i = 0; i < jackknife.size(); ++i) {
            EXPECT_NEAR(jackknife[i], r.jackknife[i], 1e-14 * r.jackknife[i]) << r.statistic;
        }
    }
}

TEST(PairedStatisticBootstrap, BcaOfAGivenDistributionIsScipysPairedBca) {
    const auto rounds = reference_rounds();
    for (const PairedGivenReference& r : k_ps_given) {
        const std::vector<std::vector<double>> jackknife{
            round_jackknife(rounds, statistic_named(r.statistic))};
        test::expect_scipys_bca(r, jackknife);
    }
}

// All 2^12 exchanges of the sides, counted as the Monte Carlo test counts one.
double exact_sign_flip_p(const std::vector<RoundSamples>& rounds,
                         const SampleStatistic& statistic) {
    const std::vector<std::size_t> all = every_round(rounds.size());
    const double observed = std::abs(std::log(pooled_ratio(rounds, all, statistic)));
    const double target = observed * (1 - 100 * std::numeric_limits<double>::epsilon());
    const std::size_t patterns = std::size_t{1} << rounds.size();
    std::size_t extreme = 0;
    std::vector<bool> swapped(rounds.size());
    for (std::size_t pattern = 0; pattern < patterns; ++pattern) {
        for (std::size_t i = 0; i < rounds.size(); ++i) swapped[i] = ((pattern >> i) & 1U) != 0;
        if (std::abs(std::log(pooled_ratio(rounds, all, statistic, swapped))) >= target) {
            ++extreme;
        }
    }
    return static_cast<double>(extreme) / static_cast<double>(patterns);
}

TEST(PairedStatisticBootstrap, EverySignFlipCountedIsScipysExactPermutationTest) {
    const auto rounds = reference_rounds();
    for (const PairedExactReference& r : k_ps_exact) {
        EXPECT_NEAR(exact_sign_flip_p(rounds, statistic_named(r.statistic)), r.p_value, 1e-15)
            << r.statistic;
    }
}

TEST(PairedStatisticBootstrap, TheMonteCarloSignFlipPValueIsTheExactOneWithinItsError) {
    const auto rounds = reference_rounds();
    for (const PairedExactReference& r : k_ps_exact) {
        RatioBootstrapOptions options;
        options.resamples = 20000;
        options.seed = 11;
        const auto result =
            bootstrap_paired_statistic_ratio(rounds, statistic_named(r.statistic), options);
        ASSERT_TRUE(result) << r.statistic;
        // (1 + k) / (1 + B) estimates the exact p with a binomial error; the +1 adds at
        // most 1 / (1 + B).
        const double sd = std::sqrt(r.p_value * (1 - r.p_value) / 20000.0);
        EXPECT_NEAR(result->p_value, r.p_value, 5 * sd + 1.0 / 20001) << r.statistic;
    }
}

void expect_end_to_end(const std::vector<RoundSamples>& rounds, const PairedEndToEndReference& r) {
    RatioBootstrapOptions options;
    options.resamples = k_ps_end_to_end_resamples;
    options.seed = 3;
    options.bca = std::string(r.method) == "BCa";
    const auto result =
        bootstrap_paired_statistic_ratio(rounds, statistic_named(r.statistic), options);
    ASSERT_TRUE(result) << r.statistic;
    EXPECT_EQ(result->bca, options.bca) << r.statistic;
    EXPECT_FALSE(result->widened) << r.statistic;
    test::expect_within_monte_carlo(result->interval, r);
}

TEST(PairedStatisticBootstrap, TheExpandedLevelIsScipysTAndNormal) {
    for (const ExpandedLevelReference& r : k_ps_expanded) {
        // Boost's and scipy's t quantiles agree to about 1e-12 relative.
        EXPECT_NEAR(expanded_confidence(r.confidence, r.units), r.level, 1e-10)
            << r.confidence << " " << r.units;
    }
    // Fewer than two units: nothing to expand. Many: the level itself.
    EXPECT_EQ(expanded_confidence(0.95, 1), 0.95);
    EXPECT_NEAR(expanded_confidence(0.95, 100000), 0.95, 1e-4);
}

TEST(PairedStatisticBootstrap, FewRoundsWidenTheIntervalToTheExpandedLevel) {
    // The percentile interval of the same replicates (the resamples come first in the
    // stream) at the expanded level of twelve rounds, 97.8%: wider than at 95%.
    const auto rounds = reference_rounds();
    const SampleStatistic p95 = statistic_named("p95");
    RatioBootstrapOptions options;
    options.bca = false;
    options.seed = 11;
    const auto result = bootstrap_paired_statistic_ratio(rounds, p95, options);
    ASSERT_TRUE(result);
    const std::vector<double> replicates = plain_replicates(rounds, p95, options);
    const Interval wide = percentile_interval_of(replicates, expanded_confidence(0.95, 12));
    const Interval plain = percentile_interval_of(replicates, 0.95);
    EXPECT_DOUBLE_EQ(result->interval.low, std::min(wide.low, result->ratio));
    EXPECT_DOUBLE_EQ(result->interval.high, std::max(wide.high, result->ratio));
    EXPECT_LT(result->interval.low, plain.low);
    EXPECT_GT(result->interval.high, plain.high);
}

TEST(PairedStatisticBootstrap, EndToEndAgreesWithScipysPairedBootstrapOfRounds) {
    const auto rounds = reference_rounds();
    for (const PairedEndToEndReference& r : k_ps_end_to_end) expect_end_to_end(rounds, r);
}

TEST(PairedStatisticBootstrap, RoundsOfOneValueAreScipysPairedBootstrapOfTheValues) {
    std::vector<RoundSamples> rounds;
    for (std::size_t i = 0; i < k_ps_single_base.size(); ++i) {
        rounds.push_back({{k_ps_single_base[i]}, {k_ps_single_head[i]}});
    }
    for (const PairedEndToEndReference& r : k_ps_single_end_to_end) expect_end_to_end(rounds, r);
}

TEST(PairedStatisticBootstrap, TheSeedFixesEverythingAndTheIntervalHoldsTheRatio) {
    const auto rounds = reference_rounds();
    for (const char* name : {"mean", "p90", "p95", "p99", "min", "max"}) {
        RatioBootstrapOptions options;
        options.seed = 17;
        options.bca = std::string(name) != "min" && std::string(name) != "max";
        const SampleStatistic statistic = statistic_named(name);
        const auto a = bootstrap_paired_statistic_ratio(rounds, statistic, options);
        const auto b = bootstrap_paired_statistic_ratio(rounds, statistic, options);
        ASSERT_TRUE(a && b) << name;
        EXPECT_EQ(a->ratio, pooled_ratio(rounds, every_round(rounds.size()), statistic));
        EXPECT_LE(a->interval.low, a->ratio) << name;
        EXPECT_GE(a->interval.high, a->ratio) << name;
        EXPECT_EQ(a->interval.low, b->interval.low);
        EXPECT_EQ(a->interval.high, b->interval.high);
        EXPECT_EQ(a->p_value, b->p_value);
        EXPECT_GE(a->p_value, 1.0 / 2001);
        // Another seed, other ends; not for min and max, whose ends at the 97.8% of twelve
        // rounds are the extremes of their few distinct replicates, which any seed reaches.
        if (!options.bca) continue;
        options.seed = 18;
        const auto c = bootstrap_paired_statistic_ratio(rounds, statistic, options);
        EXPECT_NE(a->interval.low + a->interval.high, c->interval.low + c->interval.high) << name;
    }
}

TEST(PairedStatisticBootstrap, SwappingBaseAndHeadInvertsTheRatioAndKeepsThePValue) {
    const auto rounds = reference_rounds();
    const auto swapped = rounds_of(k_ps_head, k_ps_base);
    const SampleStatistic p95 = statistic_named("p95");
    const auto a = bootstrap_paired_statistic_ratio(rounds, p95);
    const auto b = bootstrap_paired_statistic_ratio(swapped, p95);
    ASSERT_TRUE(a && b);
    EXPECT_NEAR(a->ratio * b->ratio, 1.0, 1e-15);
    // The same stream exchanges the complementary rounds, whose |log ratio| is the same.
    EXPECT_EQ(a->p_value, b->p_value);
    EXPECT_NEAR(a->log_standard_error, b->log_standard_error, 1e-12);
}

TEST(PairedStatisticBootstrap, ATailChangeInEveryRoundIsFoundDespiteTheDrift) {
    // Ten rounds whose level drifts by up to 40%; the head's slowest fifth of each round is
    // 1.5x slower, its median the same.
    std::vector<RoundSamples> rounds;
    for (std::size_t r = 0; r < 10; ++r) {
        const double drift = 1 + 0.04 * static_cast<double>((r * 7) % 11);
        RoundSamples round;
        for (std::size_t k = 0; k < 40; ++k) {
            const double u = (static_cast<double>(k) + 0.5) / 40;
            const double v = drift * 100 / (1 - 0.5 * u);
            round.base.push_back(v * (1 + 0.001 * static_cast<double>((k + r) % 3)));
            round.head.push_back((u > 0.8 ? 1.5 : 1.0) * v *
                                 (1 + 0.001 * static_cast<double>((k + r + 1) % 3)));
        }
        rounds.push_back(std::move(round));
    }
    const auto p95 = bootstrap_paired_statistic_ratio(rounds, statistic_named("p95"));
    ASSERT_TRUE(p95);
    EXPECT_NEAR(p95->ratio, 1.5, 0.01);
    EXPECT_GT(p95->interval.low, 1.4);
    // Every round the same way: the exact p-value is 2 / 2^10.
    EXPECT_LT(p95->p_value, 0.005);
    EXPECT_EQ(differing_rounds(rounds), 10u);
    const auto p50 =
        bootstrap_paired_statistic_ratio(rounds, {SampleStatistic::Kind::quantile, 0.5});
    ASSERT_TRUE(p50);
    EXPECT_NEAR(p50->ratio, 1.0, 0.01);
}

TEST(PairedStatisticBootstrap, IdenticalSidesGiveRatioOneAndPOne) {
    std::vector<RoundSamples> rounds;
    for (std::size_t r = 0; r < 8; ++r) {
        const double v = 100 + static_cast<double>(r);
        rounds.push_back({{v, v * 1.1, v * 1.3}, {v * 1.3, v, v * 1.1}});
    }
    EXPECT_EQ(differing_rounds(rounds), 0u);
    const auto r = bootstrap_paired_statistic_ratio(rounds, statistic_named("p95"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->ratio, 1.0);
    EXPECT_EQ(r->p_value, 1.0);
    EXPECT_FALSE(r->bca);  // the jackknife does not vary: percentile
    EXPECT_EQ(r->interval.low, 1.0);
    EXPECT_EQ(r->interval.high, 1.0);
}

TEST(PairedStatisticBootstrap, TheRoundSmoothingIsSilvermansRuleOnWithinRoundResiduals) {
    const auto rounds = rounds_of(k_pss_base, k_pss_head);
    for (const auto& [head, ref] :
         {std::pair{false, k_pss_smoothing_base}, {true, k_pss_smoothing_head}}) {
        const SmoothedRounds s = smoothed_rounds(rounds, head);
        ASSERT_EQ(s.logs.size(), rounds.size());
        EXPECT_NEAR(s.bandwidth, ref.bandwidth, 1e-13) << head;
        EXPECT_NEAR(s.shrink, ref.shrink, 1e-13) << head;
        // Each round's centre is the mean of its logs.
        const std::vector<double>& values = head ? k_pss_head[3] : k_pss_base[3];
        double sum = 0;
        for (const double v : values) sum += std::log(v);
        EXPECT_NEAR(s.centre[3], sum / static_cast<double>(values.size()), 1e-14);
        EXPECT_EQ(s.logs[3][0], std::log(values[0]));
    }
    // One value per round: nothing varies within a round, nothing to smooth.
    const std::vector<RoundSamples> single{{{1.0}, {2.0}}, {{1.5}, {2.5}}, {{1.2}, {2.2}}};
    EXPECT_EQ(smoothed_rounds(single, false).bandwidth, 0);
    EXPECT_EQ(smoothed_rounds(single, true).shrink, 1);
}

TEST(PairedStatisticBootstrap, SmoothedIntervalAgreesWithNumpyWithinMonteCarloError) {
    const auto rounds = rounds_of(k_pss_base, k_pss_head);
    for (const PairedSmoothedReference& r : k_pss_intervals) {
        RatioBootstrapOptions options;
        options.resamples = k_pss_resamples;
        options.seed = 11;
        options.bca = false;
        options.smoothed = true;
        const auto result =
            bootstrap_paired_statistic_ratio(rounds, statistic_named(r.statistic), options);
        ASSERT_TRUE(result) << r.statistic;
        EXPECT_TRUE(result->smoothed);
        EXPECT_FALSE(result->bca);
        // At 95% itself, not at the expanded level of ten rounds.
        test::expect_within_monte_carlo(result->interval, r);
    }
}

TEST(PairedStatisticBootstrap, SmoothingReachesPastTheRoundsAndKeepsTheSignFlips) {
    // The plain bootstrap of rounds never draws a value beyond a side's largest, so the
    // ratio of the maxima cannot exceed max(head) / (the smallest maximum of a resample
    // of the base); smoothed draws go past it. The sign-flip p-value comes from the same
    // stream after the same resampled rounds, so it does not change.
    const auto rounds = rounds_of(k_pss_base, k_pss_head);
    for (const char* name : {"p99", "max", "min"}) {
        RatioBootstrapOptions plain;
        plain.bca = false;
        plain.seed = 23;
        RatioBootstrapOptions smoothed = plain;
        smoothed.smoothed = true;
        const SampleStatistic statistic = statistic_named(name);
        const auto a = bootstrap_paired_statistic_ratio(rounds, statistic, plain);
        const auto b = bootstrap_paired_statistic_ratio(rounds, statistic, smoothed);
        ASSERT_TRUE(a && b);
        EXPECT_FALSE(a->smoothed);
        EXPECT_TRUE(b->smoothed);
        EXPECT_EQ(a->ratio, b->ratio) << name;
        EXPECT_EQ(a->p_value, b->p_value) << name;
        // The power analysis keeps the plain bootstrap's standard error.
        EXPECT_EQ(a->log_standard_error, b->log_standard_error) << name;
        EXPECT_NE(a->interval.low, b->interval.low) << name;
    }
    // Paired: a resample's maximum of the head comes from some drawn round a, and the base's
    // maximum over the same rounds is at least round a's, so no plain replicate exceeds
    // max over rounds of (head max / base max).
    double bound = 0;
    for (const RoundSamples& round : rounds) {
        bound = std::max(bound, *std::max_element(round.head.begin(), round.head.end()) /
                                    *std::max_element(round.base.begin(), round.base.end()));
    }
    RatioBootstrapOptions options;
    options.bca = false;
    options.seed = 5;
    options.confidence = 0.999;
    const auto plain = bootstrap_paired_statistic_ratio(rounds, statistic_named("max"), options);
    options.smoothed = true;
    const auto wide = bootstrap_paired_statistic_ratio(rounds, statistic_named("max"), options);
    ASSERT_TRUE(plain && wide);
    EXPECT_LE(plain->interval.high, bound);
    EXPECT_GT(wide->interval.high, bound);
}

TEST(PairedStatisticBootstrap, TheMeanIsNeverSmoothedNorRoundsOfOneValue) {
    const auto rounds = reference_rounds();
    const SampleStatistic mean{SampleStatistic::Kind::mean, 0};
    RatioBootstrapOptions options;
    options.seed = 3;
    const auto plain = bootstrap_paired_statistic_ratio(rounds, mean, options);
    options.smoothed = true;
    const auto asked = bootstrap_paired_statistic_ratio(rounds, mean, options);
    ASSERT_TRUE(plain && asked);
    EXPECT_FALSE(asked->smoothed);
    EXPECT_EQ(plain->interval.low, asked->interval.low);
    EXPECT_EQ(plain->interval.high, asked->interval.high);

    // Rounds of one value: the bandwidth is 0 and the smoothed draws are the plain ones (up
    // to the rounding of exp(log)), taken at 95% itself.
    std::vector<RoundSamples> single;
    for (std::size_t i = 0; i < k_ps_single_base.size(); ++i) {
        single.push_back({{k_ps_single_base[i]}, {k_ps_single_head[i]}});
    }
    RatioBootstrapOptions percentile;
    percentile.bca = false;
    percentile.seed = 9;
    RatioBootstrapOptions smoothed = percentile;
    smoothed.smoothed = true;
    const SampleStatistic max = statistic_named("max");
    const auto a = bootstrap_paired_statistic_ratio(single, max, smoothed);
    ASSERT_TRUE(a);
    const std::vector<double> replicates = plain_replicates(single, max, percentile);
    const Interval at95 = percentile_interval_of(replicates, 0.95);
    EXPECT_NEAR(a->interval.low, std::min(at95.low, a->ratio), 1e-12);
    EXPECT_NEAR(a->interval.high, std::max(at95.high, a->ratio), 1e-12);
}

TEST(PairedStatisticBootstrap, RefusesTooFewRoundsEmptySidesOrNonPositiveValues) {
    const SampleStatistic mean{SampleStatistic::Kind::mean, 0};
    const std::vector<RoundSamples> one{{{1.0, 2.0}, {1.0, 3.0}}};
    EXPECT_FALSE(bootstrap_paired_statistic_ratio(one, mean));
    const std::vector<RoundSamples> empty{{{1.0}, {2.0}}, {{1.0}, {}}};
    EXPECT_FALSE(bootstrap_paired_statistic_ratio(empty, mean));
    const std::vector<RoundSamples> zero{{{1.0}, {2.0}}, {{0.0}, {2.0}}};
    EXPECT_FALSE(bootstrap_paired_statistic_ratio(zero, mean));
    const std::vector<RoundSamples> fine{{{1.0}, {2.0}}, {{1.5}, {2.0}}};
    RatioBootstrapOptions none;
    none.resamples = 0;
    EXPECT_FALSE(bootstrap_paired_statistic_ratio(fine, mean, none));
    EXPECT_TRUE(bootstrap_paired_statistic_ratio(fine, mean));
    EXPECT_TRUE(round_jackknife(one, mean).empty());
}

}  // namespace
}  // namespace caws::stats
