#pragma once

// A statistic other than the median (p90, p95, p99, mean, min, max) compared over paired
// rounds (`caws-gate ab`): its ratio over the pooled samples of each side, a paired
// bootstrap of the rounds for its interval and a sign-flip permutation test
// (stats/paired_statistic_bootstrap.hpp, docs/statistics.md "Tail statistics in paired
// rounds"). Internal to compare/.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "compare/comparator.hpp"
#include "stats/paired_statistic_bootstrap.hpp"

namespace caws::compare {

// The comparison's `test`, and its `ci_method` for the BCa, the percentile and the smoothed
// percentile interval.
inline constexpr std::string_view k_sign_flip_test = "sign-flip";
inline constexpr std::string_view k_paired_bca_ci_method = "bca-bootstrap-paired";
inline constexpr std::string_view k_paired_percentile_ci_method = "percentile-bootstrap-paired";
inline constexpr std::string_view k_paired_smoothed_ci_method = "smoothed-bootstrap-paired";

// "too few differing rounds to test (3; the exact test needs 6 to reach alpha 0.05): the
// ratio alone decides": with n differing rounds no paired test of caws-gate can give less
// than 2 / 2^n. `test` names the test ("the exact test").
std::string too_few_rounds_note(std::size_t differing, double alpha, std::string_view test);

// Whether `ab`'s bootstrap of `statistic` smooths the values within rounds: `min` and
// `max`, and a quantile with fewer than 5 of the `pooled` values of the smaller side beyond
// it, as uses_smoothing decides for two independent samples.
bool uses_paired_smoothing(Statistic statistic, std::size_t pooled);

// Whether the interval of `statistic` over rounds of `per_round` samples (the smaller
// side's, on average) is the smoothed bootstrap of rounds: where uses_paired_smoothing says
// so, and for a quantile with fewer than 5 samples beyond it in a round. The rounds are the
// bootstrap's units, and each shows its tail only through those few values: the p95 of 10
// or 20 rounds of 20 (one value above it per round) covered 92.5-93.5% with BCa at the
// expanded level.
bool smooths_paired_interval(Statistic statistic, std::size_t pooled, std::size_t per_round);

// The samples of each side pooled over `rounds`.
struct PooledCounts {
    std::size_t base = 0;
    std::size_t head = 0;
};
PooledCounts pooled_counts(std::span<const stats::RoundSamples> rounds);

// The statistic of one side's samples over `rounds`, pooled in round order.
double pooled_statistic(std::span<const stats::RoundSamples> rounds, bool head,
                        const stats::SampleStatistic& statistic);

// Sets `c.baseline` and `c.candidate` (the statistic of each side's samples pooled over the
// paired `rounds`), the oriented `c.ratio`, and from the rounds its interval and test, or
// notes why not, seeded by options.seed and `metric`. `statistic` is not the median.
// Returns whether the class may follow the ratio: the test was significant, or could not
// be run.
bool apply_paired_statistic(model::Comparison& c, Statistic statistic,
                            std::span<const stats::RoundSamples> rounds,
                            const model::Metric& metric, const Options& options);

}  // namespace caws::compare
