// The power analysis of `caws-gate ab` (compare/paired_power.hpp): the smallest ratio the
// paired test detects in the rounds run and the rounds needed for the minor threshold, for
// the median of round values and for a tail statistic of the rounds' samples.
#include "compare/paired_power.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "compare/paired.hpp"
#include "reference/paired_power_reference.inc"
#include "reference/signed_rank_power_reference.inc"
#include "stats/power.hpp"
#include "stats/signed_rank_power.hpp"

namespace caws::compare {
namespace {

model::Metric metric_of(const std::string& name, std::vector<double> samples) {
    model::Metric m;
    m.name = name;
    m.measure = "value";
    m.unit = model::seconds();
    m.direction = model::Direction::lower;
    m.samples = std::move(samples);
    return m;
}

struct Sides {
    std::vector<model::Run> base;
    std::vector<model::Run> head;
};

// Rounds of one value per side: the base 1 ms (drifting), the head exp(d_r) times it.
Sides median_rounds(const std::vector<double>& log_ratios, double spread) {
    Sides sides;
    for (std::size_t r = 0; r < log_ratios.size(); ++r) {
        const double base = 1e-3 * (1 + 0.05 * static_cast<double>(r % 4));
        sides.base.push_back(model::Run{});
        sides.head.push_back(model::Run{});
        sides.base.back().metrics.push_back(metric_of("m", {base}));
        sides.head.back().metrics.push_back(
            metric_of("m", {base * std::exp(spread * log_ratios[r])}));
    }
    return sides;
}

// A fixed pseudo-random stream of log-normal values (sigma 0.3) around 1 ms.
struct LogNormal {
    std::uint64_t state = 20261207;
    double uniform() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (static_cast<double>(state >> 11) + 0.5) / 9007199254740992.0;
    }
    double next() {
        const double z = std::sqrt(-2 * std::log(uniform())) * std::cos(2 * M_PI * uniform());
        return 1e-3 * std::exp(0.3 * z);
    }
};

// `rounds` rounds of `samples` samples per side, the same law on both sides.
Sides sample_rounds(std::size_t rounds, std::size_t samples, std::uint64_t seed = 20261207) {
    Sides sides;
    LogNormal draw{seed};
    for (std::size_t r = 0; r < rounds; ++r) {
        std::vector<double> base;
        std::vector<double> head;
        for (std::size_t k = 0; k < samples; ++k) base.push_back(draw.next());
        for (std::size_t k = 0; k < samples; ++k) head.push_back(draw.next());
        sides.base.push_back(model::Run{});
        sides.head.push_back(model::Run{});
        sides.base.back().metrics.push_back(metric_of("m", base));
        sides.head.back().metrics.push_back(metric_of("m", head));
    }
    return sides;
}

MetricOptions on(Statistic statistic) {
    return [statistic](const model::Metric&) {
        MetricGate gate;
        gate.options = Options{};
        gate.options->statistic = statistic;
        return gate;
    };
}

// The one comparison of the median over the ten rounds of k_ab_log_ratios, `spread` times
// as spread.
model::Comparison median_of_rounds(double spread) {
    const Sides sides = median_rounds(k_ab_log_ratios, spread);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{});
    EXPECT_EQ(comparisons.size(), 1U);
    return comparisons.at(0);
}

TEST(PairedPower, TheMedianOfRoundValuesIsTheSignedRankTestsPowerOverRounds) {
    const model::Comparison c = median_of_rounds(1);
    ASSERT_TRUE(c.power);
    EXPECT_NEAR(*c.power->noise, k_ab_noise, 1e-12);
    // The signed-rank test's exact power over ten rounds (simulated; numpy's reference).
    EXPECT_NEAR(std::log(*c.power->min_detectable_ratio),
                std::log(k_exact_one_min_detectable_ratio),
                0.04 * std::log(k_exact_one_min_detectable_ratio));
    EXPECT_EQ(*c.power->min_detectable_ratio,
              std::exp(stats::signed_rank_detectable_effect(10, 0.05, 0.8) * k_ab_noise));
    EXPECT_EQ(c.power->rounds_needed, k_exact_one_rounds_needed);  // the exact test's least
    EXPECT_FALSE(c.power->repetitions_needed);                     // rounds, not repetitions
    EXPECT_FALSE(c.power->samples_per_round);                      // round values, not samples
    EXPECT_FALSE(c.power->needs_repetitions);
}

TEST(PairedPower, SpreadRoundsAskForMoreRounds) {
    const model::Comparison c = median_of_rounds(10);
    ASSERT_TRUE(c.power);
    EXPECT_NEAR(*c.power->noise, 10 * k_ab_noise, 1e-11);
    EXPECT_NEAR(std::log(*c.power->min_detectable_ratio),
                std::log(k_exact_ten_min_detectable_ratio),
                0.04 * std::log(k_exact_ten_min_detectable_ratio));
    // Within a round of numpy's: near the boundary 2,000 simulated samples may differ.
    EXPECT_NEAR(static_cast<double>(*c.power->rounds_needed),
                static_cast<double>(k_exact_ten_rounds_needed), 1.0);
    EXPECT_TRUE(c.power->needs_repetitions);
}

// Six rounds reach 0.05 only when all six agree, a test at 0.03125 whose power the
// approximation at 0.05 overstates: with the exact test's power, more rounds.
TEST(PairedPower, RoundsNeededCountTheExactTestsPower) {
    const model::Comparison c = median_of_rounds(4);
    ASSERT_TRUE(c.power);
    ASSERT_EQ(k_ab_four_nominal_rounds, 6U);
    EXPECT_EQ(c.power->rounds_needed, k_exact_four_rounds_needed);
    EXPECT_GT(k_exact_four_rounds_needed, k_ab_four_nominal_rounds);
}

TEST(PairedPower, AP99OfFewSamplesPerRoundAsksForRoundsOnly) {
    const Sides sides = sample_rounds(10, 20);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::p99));
    const model::Comparison& c = comparisons[0];
    ASSERT_EQ(c.test, "sign-flip");
    ASSERT_TRUE(c.power && c.power->noise && c.power->rounds_needed);
    // The noise of one round is the bootstrap's standard error scaled to one round; the
    // level, the size the sign-flip test of 10 rounds attains: 25 steps of 2 / 2^10.
    const double noise = *c.power->noise;
    const double shift = stats::paired_minimum_detectable_shift(noise, 10, 25.0 / 512);
    EXPECT_NEAR(*c.power->min_detectable_ratio, std::exp(shift), 1e-12);
    EXPECT_GT(*c.power->min_detectable_ratio, 1.2);
    EXPECT_TRUE(c.power->needs_repetitions);
    const std::size_t rounds = *c.power->rounds_needed;
    EXPECT_GE(rounds, *stats::pairs_needed(noise, std::log(1.2), 0.05));
    const double step = std::ldexp(1.0, 1 - static_cast<int>(std::min<std::size_t>(rounds, 61)));
    const double attained = rounds > 60 ? 0.05 : std::floor(0.05 / step) * step;
    EXPECT_LE(stats::paired_minimum_detectable_shift(noise, rounds, attained), std::log(1.2));
    EXPECT_GT(rounds, 10U);
    EXPECT_EQ(c.power->samples_per_round, 20U);
    // 2 of the 200 pooled samples above the p99: the rule that its error falls with all the
    // samples does not hold there, so no samples per round are advised, only rounds.
    EXPECT_FALSE(c.power->samples_per_round_needed);
    const std::string expected =
        "the p99 of 20 samples per round and side (0.20 above it per "
        "round) cannot detect 1.2x in 10 rounds: about " +
        std::to_string(rounds) + " rounds would; with fewer than 5";
    bool noted = false;
    for (const std::string& note : c.notes) noted = noted || note.find(expected) == 0;
    EXPECT_TRUE(noted);
}

// The normal-theory noise of one round's log ratio of the pooled p99 of `sides`, written
// out: sqrt(p (1 - p)) / phi(z_p) times each side's standard deviation of logs within its
// rounds, over the root of its pooled samples, scaled to one round.
double normal_theory_p99_round_noise(const Sides& sides) {
    const auto within = [](const std::vector<model::Run>& runs) {
        double squares = 0;
        std::size_t n = 0;
        for (const model::Run& run : runs) {
            const std::vector<double>& v = run.metrics.at(0).samples;
            double centre = 0;
            for (const double x : v) centre += std::log(x) / static_cast<double>(v.size());
            for (const double x : v) squares += (std::log(x) - centre) * (std::log(x) - centre);
            n += v.size();
        }
        return std::pair{squares / static_cast<double>(n - runs.size()), n};
    };
    const auto [vb, nb] = within(sides.base);
    const auto [vh, nh] = within(sides.head);
    const double z = 2.3263478740408408;  // scipy.stats.norm.ppf(0.99)
    const double factor = std::sqrt(0.99 * 0.01) / (std::exp(-z * z / 2) / std::sqrt(2 * M_PI));
    const auto rounds = static_cast<double>(sides.base.size());
    return factor *
           std::sqrt(rounds * (vb / static_cast<double>(nb) + vh / static_cast<double>(nh)));
}

TEST(PairedPower, AP99OfFewSamplesPerRoundCountsAtLeastTheNormalTheoryNoise) {
    // Resampled rounds hold only the largest values seen, so the bootstrap's spread of a p99
    // with 2 of 200 pooled samples above it is compressed: its rounds advice reached 74%
    // power instead of 80%. The noise is at least the normal-theory one there.
    // On these rounds the bootstrap's own spread is above the floor, and is the noise.
    const Sides wide = sample_rounds(10, 20);
    const auto of_wide = compare_rounds(wide.base, wide.head, Options{}, on(Statistic::p99));
    ASSERT_TRUE(of_wide[0].power && of_wide[0].power->noise);
    EXPECT_GT(*of_wide[0].power->noise, 1.1 * normal_theory_p99_round_noise(wide));
    // On most draws (these among them) it is below, and the floor is what counts.
    const Sides sides = sample_rounds(10, 20, 1);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::p99));
    const model::Comparison& c = comparisons[0];
    ASSERT_TRUE(c.power && c.power->noise && c.power->rounds_needed);
    const double floor = normal_theory_p99_round_noise(sides);
    EXPECT_NEAR(*c.power->noise, floor, 1e-12 * floor);
    EXPECT_GE(*c.power->rounds_needed, *stats::pairs_needed(floor, std::log(1.2), 0.05));

    std::vector<stats::RoundSamples> rounds;
    for (std::size_t r = 0; r < sides.base.size(); ++r) {
        rounds.push_back({sides.base[r].metrics[0].samples, sides.head[r].metrics[0].samples});
    }
    EXPECT_NEAR(sparse_round_quantile_noise(Statistic::p99, rounds), floor, 1e-12 * floor);
    // The p95 of the same rounds has 10 pooled samples above it, the mean and the maximum
    // are no quantiles inside (0, 1): no floor, their own bootstrap's spread.
    EXPECT_EQ(sparse_round_quantile_noise(Statistic::p95, rounds), 0);
    EXPECT_EQ(sparse_round_quantile_noise(Statistic::mean, rounds), 0);
    EXPECT_EQ(sparse_round_quantile_noise(Statistic::max, rounds), 0);
}

TEST(PairedPower, AP95WithEnoughSamplesAboveItSaysHowManySamplesWouldDo) {
    // 10 rounds of 20: 10 of the 200 pooled samples above the p95.
    const Sides sides = sample_rounds(10, 20);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::p95));
    const model::Comparison& c = comparisons[0];
    ASSERT_TRUE(c.power && c.power->rounds_needed);
    ASSERT_TRUE(c.power->needs_repetitions);
    // The pooled p95's error falls with all its samples: rounds x samples per round.
    const auto needed = static_cast<std::size_t>(
        std::ceil(20.0 * static_cast<double>(*c.power->rounds_needed) / 10));
    EXPECT_EQ(c.power->samples_per_round_needed, needed);
    bool noted = false;
    for (const std::string& note : c.notes) {
        if (note.find("the p95 of 20 samples per round and side (1.0 above it per round)") == 0 &&
            note.find("a p95 needs about 2.8 times the samples of a median") != std::string::npos) {
            noted = true;
        }
    }
    EXPECT_TRUE(noted);
}

TEST(PairedPower, TheMeanGivesRoundsButNoSamplesPerRound) {
    const Sides sides = sample_rounds(10, 20);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{}, on(Statistic::mean));
    const model::Comparison& c = comparisons[0];
    ASSERT_TRUE(c.power && c.power->rounds_needed);
    EXPECT_FALSE(c.power->samples_per_round);
    EXPECT_FALSE(c.power->samples_per_round_needed);
    // The mean of 20 log-normal samples (sigma 0.3) per round is steady: 10 rounds see 1.2x.
    EXPECT_LT(*c.power->min_detectable_ratio, 1.2);
    EXPECT_FALSE(c.power->needs_repetitions);
}

TEST(PairedPower, TooFewRoundsToTestDetectNothing) {
    std::vector<double> five(k_ab_log_ratios.begin(), k_ab_log_ratios.begin() + 5);
    const Sides sides = median_rounds(five, 1);
    const auto comparisons = compare_rounds(sides.base, sides.head, Options{});
    const model::Comparison& c = comparisons[0];
    ASSERT_FALSE(c.tested);
    ASSERT_TRUE(c.power);
    EXPECT_TRUE(std::isinf(*c.power->min_detectable_ratio));
    EXPECT_EQ(c.power->rounds_needed, 6U);
    EXPECT_TRUE(c.power->needs_repetitions);
}

TEST(PairedPower, BootstrapNoiseUndoesThePlugInSpread) {
    EXPECT_NEAR(bootstrap_round_noise(0.1, 10), 0.1 * 10 / 3, 1e-15);
    EXPECT_NEAR(bootstrap_round_noise(0.05, 2), 0.1, 1e-15);
    EXPECT_NEAR(*round_values_noise(std::vector<double>{1, 2, 4}, std::vector<double>{1, 2, 4}), 0,
                1e-15);
    EXPECT_FALSE(round_values_noise(std::vector<double>{1}, std::vector<double>{2}));
}

}  // namespace
}  // namespace caws::compare
