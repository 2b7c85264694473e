#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "stats/hodges_lehmann_one_sample.hpp"
#include "stats/wilcoxon.hpp"

namespace caws::stats {

// The log ratio log(head / base) of one round of an interleaved A/B run, for positive
// values. Computed as log1p of the relative difference of the larger value over the
// smaller, negated when head is the smaller: swapping the sides flips the sign exactly, two
// rounds with the same ratio of integers (101/100, 202/200) give the same value, and a ratio
// near 1 keeps full relative precision.
double paired_log_ratio(double base, double head);

// The log ratios of paired rounds; empty when the lengths differ or a value is not
// positive and finite.
std::optional<std::vector<double>> paired_log_ratios(std::span<const double> base,
                                                     std::span<const double> head);

struct PairedOptions {
    double confidence = 0.95;  // of the Hodges-Lehmann interval, in (0, 1)
    double alpha = 0.05;       // the level `too_few_pairs` is judged against
    WilcoxonOptions test;      // zero method, method, continuity correction
};

// What limits a paired comparison, as values for the report rather than errors.
enum class PairedCaveat {
    // The lengths differ or a value is not positive and finite: nothing was computed.
    invalid_values,
    // Every log ratio is zero: both sides measured exactly the same every round.
    all_zero,
    // Fewer nonzero pairs than wilcoxon_min_pairs(alpha): the exact test can never reach
    // alpha (5 pairs give at best p = 1/16).
    too_few_pairs,
    // The pairs are too few for a Hodges-Lehmann interval at the confidence (5 at 95%).
    no_interval,
    // The normal approximation was used for fewer than 10 ranked differences (zeros forced
    // it); scipy warns about the same.
    small_approximation,
    // The median of the log ratios lies outside the Hodges-Lehmann interval: the rounds
    // are not a pure shift (typically a bimodal side), and the median and the pseudo-median
    // estimate different things.
    median_outside_interval,
};

// A paired comparison of one metric over n rounds, on d = log(head / base).
struct PairedComparison {
    std::size_t n = 0;  // pairs given
    // Median of d (the mean of the middle two for even n); exp() is the ratio of a typical
    // round. NaN for no pairs.
    double median = std::numeric_limits<double>::quiet_NaN();
    // Hodges-Lehmann pseudo-median of d and its interval; exp() gives a ratio interval.
    LocationEstimate shift;
    // Wilcoxon signed-rank test of d against zero: statistic, p-value, method, zeros.
    WilcoxonResult test;
    std::vector<PairedCaveat> caveats;

    bool has(PairedCaveat caveat) const;
};

// Compares paired rounds of one metric: `base[r]` and `head[r]` were measured in round r.
PairedComparison compare_paired(std::span<const double> base, std::span<const double> head,
                                const PairedOptions& options = {});

// The same from the log ratios d (any finite values).
PairedComparison compare_log_ratios(std::span<const double> d, const PairedOptions& options = {});

}  // namespace caws::stats
