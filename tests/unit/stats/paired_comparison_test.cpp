#include "stats/paired_comparison.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "reference/paired_reference.inc"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// Interleaved rounds of a benchmark around 1 us: each round shares a drift (the machine's
// state when it ran) that pairing cancels, and each side has its own noise.
struct Rounds {
    std::vector<double> base;
    std::vector<double> head;
};

Rounds simulate_rounds(std::size_t n, double ratio, double noise, Random& random) {
    Rounds rounds;
    for (std::size_t r = 0; r < n; ++r) {
        const double drift = 0.2 * random.normal();
        rounds.base.push_back(1e-6 * std::exp(drift + noise * random.normal()));
        rounds.head.push_back(1e-6 * ratio * std::exp(drift + noise * random.normal()));
    }
    return rounds;
}

TEST(PairedComparison, MatchesReference) {
    for (const auto& reference : k_paired_reference) {
        SCOPED_TRACE(reference.name);
        const PairedComparison result = compare_paired(reference.base, reference.head);
        EXPECT_EQ(result.n, reference.base.size());
        EXPECT_NEAR(result.median, reference.median, 1e-12 * std::fabs(reference.median));
        EXPECT_NEAR(result.shift.estimate, reference.estimate,
                    1e-12 * std::fabs(reference.estimate));
        ASSERT_EQ(result.shift.interval.has_value(), reference.has_interval);
        if (reference.has_interval) {
            EXPECT_NEAR(result.shift.interval->low, reference.low,
                        1e-12 * std::fabs(reference.low));
            EXPECT_NEAR(result.shift.interval->high, reference.high,
                        1e-12 * std::fabs(reference.high));
        }
        EXPECT_EQ(result.test.statistic, reference.statistic);
        EXPECT_NEAR(result.test.p_value, reference.p_value, 1e-12 * reference.p_value);
    }
}

TEST(PairedComparison, LogRatioIsExactlyAntisymmetric) {
    Random random(5);
    for (int i = 0; i < 1000; ++i) {
        const double base = std::exp(random.normal());
        const double head = base * std::exp(0.05 * random.normal());
        EXPECT_EQ(paired_log_ratio(base, head), -paired_log_ratio(head, base));
        EXPECT_NEAR(paired_log_ratio(base, head), std::log(head / base), 1e-15);
    }
    EXPECT_EQ(paired_log_ratio(3.0, 3.0), 0.0);
    // The same ratio of integers gives the same log ratio (a tie, as it should be).
    EXPECT_EQ(paired_log_ratio(100, 101), paired_log_ratio(200, 202));
    EXPECT_EQ(paired_log_ratio(101, 100), -paired_log_ratio(200, 202));
}

TEST(PairedComparison, SwappingSidesFlipsTheSignAndKeepsP) {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        Random random(seed);
        const std::size_t n = 2 + random.below(120);
        Rounds rounds = simulate_rounds(n, 1.03, 0.04, random);
        // Timings printed to 1 ns: ties and zeros.
        if (seed % 3 == 0) {
            for (double& v : rounds.base) v = std::round(v * 1e9) / 1e9;
            for (double& v : rounds.head) v = std::round(v * 1e9) / 1e9;
        }
        const PairedComparison forward = compare_paired(rounds.base, rounds.head);
        const PairedComparison backward = compare_paired(rounds.head, rounds.base);
        EXPECT_EQ(forward.median, -backward.median) << seed;
        EXPECT_EQ(forward.shift.estimate, -backward.shift.estimate) << seed;
        ASSERT_EQ(forward.shift.interval.has_value(), backward.shift.interval.has_value());
        if (forward.shift.interval) {
            EXPECT_EQ(forward.shift.interval->low, -backward.shift.interval->high) << seed;
            EXPECT_EQ(forward.shift.interval->high, -backward.shift.interval->low) << seed;
        }
        EXPECT_EQ(forward.test.statistic, backward.test.statistic) << seed;
        EXPECT_EQ(forward.test.p_value, backward.test.p_value) << seed;
        EXPECT_EQ(forward.caveats, backward.caveats) << seed;
    }
}

TEST(PairedComparison, ScalingBothSidesChangesNothing) {
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        Random random(seed + 100);
        const std::size_t n = 3 + random.below(60);
        const Rounds rounds = simulate_rounds(n, 0.97, 0.03, random);
        const PairedComparison original = compare_paired(rounds.base, rounds.head);
        // A power of two scales exactly: everything is equal. Another unit (ns instead of
        // s) rounds each value once: equal to 1e-12 relative.
        for (const double scale : {1024.0, 1e9}) {
            std::vector<double> base = rounds.base;
            std::vector<double> head = rounds.head;
            for (double& v : base) v *= scale;
            for (double& v : head) v *= scale;
            const PairedComparison scaled = compare_paired(base, head);
            const double tolerance = scale == 1024.0 ? 0.0 : 1e-12;
            EXPECT_NEAR(scaled.median, original.median, tolerance * 100) << seed;
            EXPECT_NEAR(scaled.shift.estimate, original.shift.estimate, tolerance * 100) << seed;
            EXPECT_EQ(scaled.test.statistic, original.test.statistic) << seed;
            EXPECT_EQ(scaled.test.p_value, original.test.p_value) << seed;
        }
    }
}

TEST(PairedComparison, CaveatsAreValues) {
    const std::vector<double> five{1.0, 1.1, 0.9, 1.2, 1.05};
    const std::vector<double> five_slower{1.1, 1.2, 1.0, 1.3, 1.1};
    const PairedComparison few = compare_paired(five, five_slower);
    EXPECT_TRUE(few.has(PairedCaveat::too_few_pairs));
    EXPECT_TRUE(few.has(PairedCaveat::no_interval));
    EXPECT_FALSE(few.has(PairedCaveat::all_zero));
    EXPECT_EQ(few.test.p_value, wilcoxon_min_p(5));  // all five slower: the best it can do

    const PairedComparison same = compare_paired(five, five);
    EXPECT_TRUE(same.has(PairedCaveat::all_zero));
    EXPECT_EQ(same.test.p_value, 1.0);
    EXPECT_EQ(same.median, 0.0);

    const std::vector<double> negative{1.0, -1.0, 1.0, 1.0, 1.0, 1.0};
    EXPECT_TRUE(compare_paired(negative, negative).has(PairedCaveat::invalid_values));
    const std::vector<double> six{1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
    const PairedComparison mismatched = compare_paired(six, five);
    EXPECT_EQ(mismatched.caveats, std::vector<PairedCaveat>{PairedCaveat::invalid_values});
    EXPECT_TRUE(std::isnan(mismatched.test.p_value));

    // Eight rounds, two of them equal: the zeros force the approximation on six.
    const std::vector<double> base{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
    const std::vector<double> head{1.0, 1.0, 1.1, 1.2, 1.05, 1.3, 0.95, 1.15};
    const PairedComparison zeros = compare_paired(base, head);
    EXPECT_TRUE(zeros.has(PairedCaveat::small_approximation));
    EXPECT_EQ(zeros.test.zeros, 2U);
    EXPECT_EQ(zeros.test.n, 6U);

    EXPECT_TRUE(compare_log_ratios(std::vector<double>{}).has(PairedCaveat::too_few_pairs));
    EXPECT_FALSE(compare_log_ratios(std::vector<double>{}).has(PairedCaveat::all_zero));
}

// Simulated A/B runs with a true ratio of 1.05 and 3% noise per side; `slow_share` of the
// head's rounds take `slow_factor` longer on top (a bimodal side: not a pure shift).
struct Simulation {
    double median_outside = 0;   // share of runs with the median outside the interval
    double interval_covers = 0;  // share of runs whose interval contains log(1.05)
    double median_error = 0;     // root mean square error of the median around log(1.05)
    double estimate_error = 0;   // the same for the pseudo-median
};

Simulation simulate(std::size_t n, double slow_share, double slow_factor, std::uint64_t seed) {
    constexpr int k_runs = 2000;
    Random random(seed);
    Simulation simulation;
    const double truth = std::log(1.05);
    for (int run = 0; run < k_runs; ++run) {
        Rounds rounds = simulate_rounds(n, 1.05, 0.03, random);
        for (double& v : rounds.head) {
            if (random.uniform() < slow_share) v *= slow_factor;
        }
        const PairedComparison result = compare_paired(rounds.base, rounds.head);
        if (result.has(PairedCaveat::median_outside_interval)) ++simulation.median_outside;
        if (result.shift.interval && result.shift.interval->low <= truth &&
            truth <= result.shift.interval->high) {
            ++simulation.interval_covers;
        }
        simulation.median_error += std::pow(result.median - truth, 2);
        simulation.estimate_error += std::pow(result.shift.estimate - truth, 2);
    }
    simulation.median_outside /= k_runs;
    simulation.interval_covers /= k_runs;
    simulation.median_error = std::sqrt(simulation.median_error / k_runs);
    simulation.estimate_error = std::sqrt(simulation.estimate_error / k_runs);
    return simulation;
}

TEST(PairedComparison, MedianLeavesTheIntervalOnlyWhenASideIsBimodal) {
    // The figures of docs/statistics.md ("Which point estimate"), 2,000 runs per row.
    for (const std::size_t n : {10, 30, 60, 200}) {
        // Symmetric noise: the median and the pseudo-median estimate the same centre, the
        // pseudo-median with a smaller error, and the median stays inside the interval.
        const Simulation pure = simulate(n, 0, 1, 40 + n);
        EXPECT_LE(pure.median_outside, 0.005) << n;
        EXPECT_LT(pure.estimate_error, 0.92 * pure.median_error) << n;
        EXPECT_GE(pure.interval_covers, 0.93) << n;
        EXPECT_LE(pure.interval_covers, 0.97) << n;
        // A quarter of the head's rounds 20% slower: the centres differ, and once the
        // interval is narrow the median falls outside it.
        const Simulation bimodal = simulate(n, 0.25, 1.2, 50 + n);
        if (n <= 30) {
            EXPECT_LE(bimodal.median_outside, 0.005) << n;
        }
        if (n >= 200) {
            EXPECT_GE(bimodal.median_outside, 0.5) << n;
        }
    }
}

}  // namespace
}  // namespace caws::stats
