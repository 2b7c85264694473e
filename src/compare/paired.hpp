#pragma once

// Interleaved base and head rounds (`caws-gate ab`) compared as pairs. Every round ran both
// commands a few moments apart, so each metric gives one pair (base_r, head_r) per round
// in which both sides measured it, and whatever drifts between rounds (clock, caches,
// other jobs) cancels within a pair. docs/statistics.md, "Paired rounds", has the method.

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "compare/comparator.hpp"
#include "model/comparison.hpp"
#include "model/run.hpp"

namespace caws::compare {

// The comparison's `test` and `ci_method` for paired rounds.
inline constexpr std::string_view k_paired_test = "wilcoxon";
inline constexpr std::string_view k_paired_ci_method = "hodges-lehmann-paired";

// The value of a metric in one round: the median of its samples (a Google Benchmark run
// with --benchmark_repetitions=k gives k), else its summary's median, else its mean;
// nullopt for a failed or skipped benchmark, or one that reported neither.
std::optional<double> round_value(const model::Metric& metric);

// One side's rounds (one run per round, in round order) merged into one run: every metric
// in the order it first appears, with its round values (round_value) as its samples, in
// round order, and no summary. A benchmark that failed in any round is failed, its message
// prefixed with the first such round ("round 3: ..."); one skipped in every round it
// appears in is skipped. Context of the first round; sources and notes of all rounds (notes
// once each).
model::Run merge_rounds(std::span<const model::Run> rounds);

// Compares the rounds of two sides as pairs (`base[r]` and `head[r]` ran in round r). A
// metric whose statistic (the gate file's, in `per_metric`, else run.statistic) is not the
// median is compared on its samples pooled over the rounds in which both sides have a value,
// with a paired bootstrap of the rounds and a sign-flip test (apply_paired_statistic in
// compare/paired_statistic.hpp); its `baseline`, `candidate` and, for a metric on one side
// only, its value are that statistic. For the median, d_r = log(head_r / base_r) over the
// rounds in which both have a value (stats::compare_paired):
// - the oriented ratio is exp(median d) (inverted for higher-is-better measures) and its
//   interval exp of the Hodges-Lehmann interval of d (`ci_method` k_paired_ci_method); a
//   note says when the median lies outside that interval;
// - the test is the Wilcoxon signed-rank test (`test` k_paired_test, `test_variant`
//   "exact" or "asymptotic"); with fewer differing rounds than the exact test needs to
//   reach the metric's alpha (or no positive values) the ratio alone decides, as in
//   compare_runs;
// - `n_baseline` and `n_candidate` are the pairs; `baseline` and `candidate` the medians of
//   each side's round values; the noise of each side is that of its round values.
// Then, as compare_runs: the classes from each metric's thresholds and alpha after the
// correction across the tested gated metrics; metrics on one side only are added or
// removed; failed and skipped benchmarks as there; metrics outside the gate's measures
// (`per_metric` gives no options), measures derived from a benchmark's time when the gate
// file does not choose (gated_measures.hpp) and of unknown direction are reported, not
// gated. `run`
// gives the correction, the interval's confidence, the resamples and the seed; `per_metric`
// (empty: `run` for every metric) each metric's statistic, thresholds and alpha. Comparisons come
// in the order of the merged base run, then metrics only in the head.
std::vector<model::Comparison> compare_rounds(std::span<const model::Run> base,
                                              std::span<const model::Run> head, const Options& run,
                                              const MetricOptions& per_metric = {});

// How many rounds a paired comparison needs before it can find anything significant.
struct RoundsNeeded {
    // The metrics (name and measure) the two sides have in common, gated or not.
    std::size_t shared_metrics = 0;
    // The gated metrics the correction will adjust together, counted on one round: on
    // both sides, measured, in comparable units, of known direction and gated by the gate.
    std::size_t gated_metrics = 0;
    // The level the most significant metric must reach: the smallest alpha among them,
    // divided by gated_metrics under a correction (Holm's first step, and BH's).
    double level = 0.05;
    // wilcoxon_min_pairs(level): fewer pairs can never reach it.
    std::size_t rounds = 0;
};

// The rounds needed, judged on the first round of each side (`per_metric` as in
// compare_rounds). Without a gated metric, the level is run.alpha.
RoundsNeeded rounds_needed(const model::Run& base_round, const model::Run& head_round,
                           const Options& run, const MetricOptions& per_metric = {});

}  // namespace caws::compare
