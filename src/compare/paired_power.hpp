#pragma once

// The power analysis of `caws-gate ab`: from the spread of one round's log ratio of the
// statistic compared, the smallest ratio the paired test detects with the rounds run and
// the rounds needed to detect the minor threshold (docs/statistics.md, "Power of `ab`").
// Internal to compare/.

#include <cstddef>
#include <optional>
#include <span>

#include "compare/comparator.hpp"
#include "stats/paired_statistic_bootstrap.hpp"

namespace caws::compare {

// The standard deviation of one round's log ratio, from the round values of the median's
// comparison: the sample standard deviation of log(head / base). Empty for fewer than two
// rounds or a value that is not positive.
std::optional<double> round_values_noise(std::span<const double> base,
                                         std::span<const double> head);

// The same from a paired bootstrap over `rounds` rounds whose log ratios spread with
// `log_standard_error`: the bootstrap's spread of a mean of n units is its plug-in
// standard deviation sqrt((n - 1) / n) sd over sqrt(n), so sd = se n / sqrt(n - 1).
double bootstrap_round_noise(double log_standard_error, std::size_t rounds);

// The least noise of one round's log ratio of the quantile p of `rounds` pooled, when fewer
// than 5 of the pooled samples lie beyond it: the normal-theory standard error of each
// side's pooled quantile of logs, sqrt(p (1 - p)) / phi(z_p) w / sqrt(N), w the side's
// standard deviation within rounds and N its samples, scaled to one round by sqrt(rounds).
// Where many samples lie beyond the quantile, or p is not inside (0, 1): 0.
double sparse_round_quantile_noise(Statistic statistic,
                                   std::span<const stats::RoundSamples> rounds);

// A power analysis whose noise is `noise`, with the samples per round and side of a
// quantile's rounds (empty for the median of round values).
model::Power paired_noise(double noise, std::span<const stats::RoundSamples> rounds);

// Completes `c.power` (its noise set) once the correction has run: the level is
// per_metric_alpha(options, family); the Wilcoxon test counts with its efficiency 3 / pi,
// the sign-flip test as a t-test; both need wilcoxon_min_pairs rounds at least, and the
// sign-flip test enough permutations. For a quantile above the median whose rounds can be
// tested but cannot detect the minor threshold, also the samples per round that would, and
// a note saying so.
void finish_paired_power(model::Comparison& c, const Options& options, std::size_t family);

}  // namespace caws::compare
