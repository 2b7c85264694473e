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

// The paired bootstrap of pooled_ratio over all rounds, and its sign-flip permutation test,
// from one seeded stream (the resamples first):
// - `options.resamples` times, as many rounds as given are drawn with replacement and the
//   ratio of the pooled samples of the drawn rounds computed; the interval is BCa (the
//   jackknife over rounds, as scipy.stats.bootstrap(paired=True) forms it) or percentile,
//   taken at expanded_confidence(options.confidence, rounds) so that few rounds still
//   cover about options.confidence, and always containing the ratio (RatioBootstrap);
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
