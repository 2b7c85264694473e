#pragma once

// The ratio of one statistic (a quantile, the mean, the minimum or the maximum) of two
// sides measured in the same rounds (`caws-gate ab`): each round gave samples of both sides
// a few moments apart, so the rounds, not the samples, are the independent units. A paired
// bootstrap resamples whole rounds, both sides of a round together, and a sign-flip
// permutation test swaps the sides within rounds (docs/statistics.md, "Tail statistics in
// paired rounds").

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "stats/statistic_bootstrap.hpp"

namespace caws::stats {

// The samples one round gave each side.
struct RoundSamples {
    std::vector<double> base;
    std::vector<double> head;
};

// statistic(head) / statistic(base) over the samples of the rounds `indices` (repeats
// allowed), pooled per side; the sides of round `indices[k]` exchanged where
// `swapped[k]` (empty: none). NaN without samples.
double pooled_ratio(std::span<const RoundSamples> rounds, std::span<const std::size_t> indices,
                    const SampleStatistic& statistic, const std::vector<bool>& swapped = {});

// The leave-one-round-out ratios: the i-th is pooled_ratio of every round but round i.
// Empty for fewer than two rounds.
std::vector<double> round_jackknife(std::span<const RoundSamples> rounds,
                                    const SampleStatistic& statistic);

// One side's logs round by round, for the smoothed bootstrap of rounds: a drawn round's log
// value v becomes c + (v - c + h Z) s, c the round's mean log, Z standard normal, h
// Silverman's (1986, eq. 3.31) rule of thumb 0.9 min(w, IQR / 1.34) N^(-1/5) on the N
// within-round residuals v - c of all R rounds, w their standard deviation on N - R degrees
// of freedom and s = 1 / sqrt(1 + h^2 / w^2): a draw from a kernel density around the
// round's own level, which keeps the within-round variance and the drift the round shares
// with the other side. Bandwidth 0 when no round has two values or they do not vary.
struct SmoothedRounds {
    std::vector<std::vector<double>> logs;
    std::vector<double> centre;
    double bandwidth = 0;
    double shrink = 1;
};

// The smoothing of the base (`head` false) or the head side of `rounds` (values positive).
SmoothedRounds smoothed_rounds(std::span<const RoundSamples> rounds, bool head);

// The standard deviation of one side's logs within rounds: the residuals from each round's
// mean log, on N - R degrees of freedom (N values in R rounds); 0 when no round has two
// values. The spread the drift between rounds does not reach (values positive).
double within_round_log_stddev(std::span<const RoundSamples> rounds, bool head);

// The paired bootstrap of pooled_ratio over all rounds, and its sign-flip permutation test,
// from one seeded stream (the resamples first):
// - `options.resamples` times, as many rounds as given are drawn with replacement and the
//   ratio of the pooled samples of the drawn rounds computed; the interval is BCa (the
//   jackknife over rounds, as scipy.stats.bootstrap(paired=True) forms it) or percentile,
//   taken at expanded_confidence(options.confidence, rounds) so that few rounds still
//   cover about options.confidence, and always containing the ratio (RatioBootstrap);
//   with options.smoothed, for a quantile, each drawn round's values are smoothed within
//   the round (a kernel around its mean log, Silverman's bandwidth on the within-round
//   residuals, the noise from a stream of its own) and the interval is the percentile one
//   at options.confidence itself (log_standard_error stays that of the plain resamples
//   of the same rounds);
// - `options.resamples` times, each round's sides are exchanged with probability 1/2 and
//   p = (1 + #{|log ratio*| >= |log ratio|}) / (1 + resamples), ties within 100 ulp
//   counting as extreme. Exact under the hypothesis that within every round the two sides'
//   samples are exchangeable.
// Empty with fewer than two rounds, a round without samples on a side, a value that is not
// positive and finite, or zero resamples.
std::optional<RatioBootstrap> bootstrap_paired_statistic_ratio(
    std::span<const RoundSamples> rounds, const SampleStatistic& statistic,
    const RatioBootstrapOptions& options = {});

// The rounds whose two sides differ (as multisets): the others cannot change the
// sign-flip statistic, so the test reaches the level of a test of this many rounds.
std::size_t differing_rounds(std::span<const RoundSamples> rounds);

}  // namespace caws::stats
