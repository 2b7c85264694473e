#pragma once

// Between-run noise: how much a benchmark's median moves from one run to the next on the
// same code, learnt from the suite's history, and the rule that a change inside that
// movement is no regression (docs/statistics.md, "Between-run noise").

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/comparison.hpp"
#include "model/run.hpp"
#include "stats/run_spread.hpp"
#include "util/string_map.hpp"

namespace caws::compare {

struct Options;

// How many runs of a history are enough.
struct BetweenRunOptions {
    std::size_t min_runs = 5;  // fewer runs in the history: the between-run noise is unknown
    // Some metric may be compared on a statistic other than the median: the history's
    // lines are then read in full for their means, minima, maxima and p95s.
    bool other_statistics = false;
    // The history's range (docs/statistics.md, "The history's range"): the newest
    // `range_runs` lines (at least the window above), used once there are `range_min_runs`.
    std::size_t range_runs = 20;
    std::size_t range_min_runs = 10;
    double range_margin = 2;  // robust standard deviations beyond the extremes
};

// The newest runs of a history the range is taken on: `range_runs`, and at least the
// window of the noise.
std::size_t history_range_window(std::size_t baseline_runs, const BetweenRunOptions& options);

// The newest runs of a history the noise is fitted on: the k runs a rolling baseline pools
// (`baseline_runs`; 1 for a baseline of one run), and at least `min_runs`.
std::size_t between_run_window(std::size_t baseline_runs, const BetweenRunOptions& options);

// One metric's value in each run used, oldest first: the run's median, or its mean when
// the run only had a summary without one (what the history records for a trend); or, for
// comparisons gated on another statistic, that statistic of each run.
struct RunValues {
    std::string name;
    std::string measure;
    std::string unit;  // the canonical unit's symbol
    std::vector<double> values;
    std::string statistic = "median";  // "median", or "mean", "min", "max", "p95"
};

// The between-run noise of one metric, on log values.
struct MetricRunNoise {
    std::size_t runs = 0;
    double centre = 0;         // mean of the log values
    std::optional<double> sd;  // their standard deviation (2 runs or more)
    double pooled_sd = 0;      // moderated across the metrics of the same measure
    double df = 0;             // degrees of freedom of pooled_sd
    std::string unit;
    // The range of the values in the history's newest runs, when it has enough of them.
    std::optional<stats::LogRange> range;
};

// The between-run noise of a suite, from `runs` runs of its history.
struct BetweenRunNoise {
    std::size_t runs = 0;
    std::size_t min_runs = 5;
    // The metrics whose noise is known, by name '\x1f' measure: with `min_runs` values, or
    // with at least one value when their measure's variances could be pooled.
    util::StringMap<MetricRunNoise> metrics;
    double range_margin = 2;  // robust standard deviations beyond the range's extremes
    bool known() const { return runs >= min_runs; }
};

// Fits the noise from the values of each metric in `runs` runs: the mean and standard
// deviation of the log values, the variances moderated per measure as the moderated
// t-test moderates within-run noise (at least k_min_metrics_for_prior metrics with two
// values or more). Values that are not positive leave their metric out. Nothing is known
// when `runs` < min_runs.
BetweenRunNoise fit_between_run_noise(const std::vector<RunValues>& history, std::size_t runs,
                                      std::size_t min_runs);

// Adds to each metric of a known `noise` the range of its values in `history` (the newest
// runs, `history_range_window` of them at most) when it has `options.range_min_runs` values
// there or more.
void add_history_range(BetweenRunNoise& noise, const std::vector<RunValues>& history,
                       const BetweenRunOptions& options);

// The value of a metric that a history line records and the noise is fitted on: the
// median of its samples, else its summary's median, else its mean.
std::optional<double> run_value(const model::Metric& metric);

// Sets `between_run` on every gated comparison of two positive metrics whose noise is
// known, with the prediction interval of a new run's median at the level 1 - alpha of the
// comparison's options (`settings`, parallel to `comparisons`, as `pairs` is: baseline and
// candidate metric). A regression or improvement whose candidate median lies inside the
// interval, or inside the range of the history when the metric has one, becomes unchanged,
// with a note giving the interval or the range.
void apply_between_run_noise(
    std::vector<model::Comparison>& comparisons,
    std::span<const std::pair<const model::Metric*, const model::Metric*>> pairs,
    std::span<const Options* const> settings, const BetweenRunNoise& noise);

// What a report says about the between-run noise of a check.
struct BetweenRunSummary {
    std::size_t runs = 0;  // runs of the history used (0: no history)
    std::size_t min_runs = 5;
    std::size_t baseline_runs = 1;    // runs the baseline pools
    std::string history;              // the history file; empty when there is none
    std::size_t metrics = 0;          // comparisons with a between-run interval
    std::size_t reclassified = 0;     // changes made unchanged by it
    std::optional<double> median_sd;  // median pooled_sd of those comparisons
    // `check --confirm`: the run's regressions were checked against an independent rerun,
    // so a regression no longer rests on one run of this code.
    bool rerun = false;
    std::size_t range_runs = 0;          // runs of the history's range (0: not used)
    std::size_t range_reclassified = 0;  // of `reclassified`, those only the range made so
    bool known() const { return runs >= min_runs; }
};

// Why the between-run noise is unknown, as the end of a sentence: "the history has 3 runs
// (5 needed)"; adds "the verdict rests on one run of each side" when it does, or, after a
// confirmation rerun, that the verdict rests on one baseline run and two of this code.
std::string unknown_reason(const BetweenRunSummary& summary);

// Counts the comparisons' between-run intervals into `summary`.
void count_between_run(const std::vector<model::Comparison>& comparisons,
                       BetweenRunSummary& summary);

}  // namespace caws::compare
