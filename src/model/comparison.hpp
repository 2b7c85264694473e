#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/metric.hpp"
#include "model/unit.hpp"

namespace caws::model {

// The classes of change (docs/statistics.md, "Classes of change"), from the oriented ratio and the
// test.
enum class ChangeClass {
    severe,
    moderate,
    minor,
    unchanged,
    improved,
    added,    // only in the candidate
    removed,  // only in the baseline
    failed,   // the candidate benchmark reported an error
    skipped,  // the candidate benchmark skipped itself; not compared
};

std::string_view to_string(ChangeClass change);
std::optional<ChangeClass> change_class_from_string(std::string_view text);
// Whether the class is a slowdown (minor, moderate or severe).
bool is_regression(ChangeClass change);
// Whether the class comes from comparing both sides (not added, removed, failed or skipped).
bool is_compared(ChangeClass change);
// Whether the class is a change either way: a regression or an improvement.
bool is_change(ChangeClass change);

// How much a finding or a comparison matters to the gate; ordered by severity.
enum class Level { pass, info, warn, fail };

std::string_view to_string(Level level);
std::optional<Level> level_from_string(std::string_view text);

struct Interval {
    double low = 0;
    double high = 0;
};

// The noise of one side of a comparison, measured on its samples before any were dropped.
// A field is empty when it cannot be known (a summary without samples has no MAD).
struct SideNoise {
    std::optional<double> cv;             // coefficient of variation, a fraction (0.05 = 5%)
    std::optional<double> mad;            // median absolute deviation, canonical unit
    std::optional<std::size_t> outliers;  // values outside Tukey's fences (1.5 IQR)
};

// What the test could detect with the sample sizes and the noise at hand.
struct Power {
    // Standard deviation of one log value (close to the CV for small CVs); the posterior
    // value when the noise was pooled across metrics.
    std::optional<double> noise;
    // The smallest oriented ratio the test detects with the target power (80%) at the
    // per-metric level (alpha, divided by the number of tested metrics under a
    // correction); +infinity when no change can be detected (too few samples).
    std::optional<double> min_detectable_ratio;
    // Repetitions per side needed to detect the minor threshold (1.2x) with that power
    // and the observed noise; empty when the noise is unknown.
    std::optional<std::size_t> repetitions_needed;
    // The test cannot detect the minor threshold: the report asks for more repetitions
    // (`ab`: more rounds).
    bool needs_repetitions = false;
    // `ab` only, in place of repetitions_needed (empty there): the paired rounds needed to
    // detect the minor threshold with that power, `noise` being the standard deviation of
    // one round's log ratio of the statistic compared.
    std::optional<std::size_t> rounds_needed;
    // `ab`, a quantile other than the median (p90, p95, p99): the samples per round and side
    // the rounds had (their mean), and when they cannot detect the minor threshold, the
    // samples per round and side with which the rounds run would (about).
    std::optional<std::size_t> samples_per_round;
    std::optional<std::size_t> samples_per_round_needed;
};

// What the between-run noise of a metric, learnt from the suite's history, says about a
// comparison (docs/statistics.md, "Between-run noise"). Log values are of the run's
// median (its mean for a summary without one), as the history records it.
// Where the runs of the history have been: from the lowest to the highest of their values,
// widened by `margin` robust standard deviations of them (docs/statistics.md, "The
// history's range"). A slow state of the machine that some runs of the history met is
// inside it, even when the normal model of the prediction interval puts it outside.
struct HistoryRange {
    std::size_t runs = 0;  // runs of the history behind it
    double robust_sd = 0;  // 1.4826 MAD of the runs' log values
    double margin = 0;     // robust standard deviations added beyond each extreme
    Interval interval;     // as an oriented ratio to the baseline's value (above 1 is worse)
    bool within = false;   // the candidate's value is inside it
};

struct BetweenRun {
    std::size_t runs = 0;  // runs of the history behind it
    // The statistic of each run the interval is about: the comparison's ("median", "p95",
    // ...). The history records the median, mean, min, max and p95 of each run.
    std::string statistic = "median";
    std::optional<double> sd;  // standard deviation of the runs' log medians (2 runs or more)
    double pooled_sd = 0;      // the same moderated across the metrics of the measure
    double df = 0;             // degrees of freedom of pooled_sd
    double level = 0.95;       // of the prediction interval
    // Where a new run's median falls with probability `level`, as an oriented ratio to the
    // baseline's median (above 1 is worse).
    Interval interval;
    bool within = false;  // the candidate's median is inside the interval
    // With enough runs of history: their range, the second way to be within the noise.
    std::optional<HistoryRange> range;
    // The class the ratio and the test gave, when being within the interval or the range
    // made the comparison unchanged.
    std::optional<ChangeClass> reclassified_from;
};

// A step in one side's samples, in the order they ran: the machine changed state while
// the run ran (stats/level_shift.hpp, docs/statistics.md "A level shift within a run").
// Set on a gated regression or improvement whose side shows one; the gate then warns
// instead of failing, until a rerun confirms the change.
struct LevelShift {
    std::string side;    // "candidate" or "baseline"
    std::size_t at = 0;  // 0-based index of the first sample at the new level
    std::size_t n = 0;   // samples of that side
    double before = 0;   // median of the samples before `at`
    double after = 0;    // median of the samples from `at` on
    double p_value = 1;  // of the step, corrected for the splits tried
};

// What an independent rerun, compared with the same baseline, said about a regression of
// the first run (`check --confirm`).
struct Confirmation {
    // The rerun confirms the regression: the same metric is a regression there too (the
    // same direction, at least the minor threshold, significant after the rerun's own
    // correction).
    bool confirmed = false;
    // Why, as a stable identifier: "confirmed"; measured but not confirmed:
    // "opposite-direction", "not-significant", "below-minor"; not measured: "not-rerun"
    // (absent from the rerun), "failed" or "skipped" (in the rerun).
    std::string reason;
    ChangeClass first_change = ChangeClass::unchanged;  // the class in the first run
    // The rerun's comparison: its oriented ratio, adjusted p-value, class and samples.
    // Empty numbers and class `removed` when the rerun did not measure the metric.
    std::optional<double> ratio;
    std::optional<double> p_adjusted;
    ChangeClass change = ChangeClass::removed;
    std::size_t n_candidate = 0;
};

// Baseline against candidate for one metric.
struct Comparison {
    std::string metric;   // benchmark name
    std::string measure;  // "cpu_time", "real_time", "items_per_second", ...
    Unit unit;
    Direction direction = Direction::unknown;
    std::string statistic = "median";
    std::optional<double> baseline;   // the statistic, canonical unit
    std::optional<double> candidate;  // the statistic, canonical unit
    // Oriented ratio: above 1 means worse whatever the direction (candidate / baseline for
    // lower-is-better, baseline / candidate for higher-is-better). For unknown direction,
    // candidate / baseline.
    std::optional<double> ratio;
    std::optional<Interval> ci;  // confidence interval of the ratio, when computed
    // How `ci` was computed: "hodges-lehmann" or "bootstrap", or "t" (the interval of the
    // t-test on log values) when the samples are too few for a Hodges-Lehmann interval at
    // the requested level; for a statistic other than the median, "bca-bootstrap" (the mean)
    // or "smoothed-bootstrap" (the quantiles) of its own ratio; for paired rounds (`ab`),
    // "hodges-lehmann-paired", or "bca-bootstrap-paired", "smoothed-bootstrap-paired" (min,
    // max, quantiles with few values beyond them) or "percentile-bootstrap-paired" for
    // another statistic; empty without an interval.
    std::string ci_method;
    std::optional<double> p_value;  // two-sided, of the test named in `test`
    // `p_value` adjusted across the tested gated metrics of the run (compare::Options
    // correction); it decides significance. Empty when not tested or not gated.
    std::optional<double> p_adjusted;
    std::size_t n_baseline = 0;
    std::size_t n_candidate = 0;
    // The statistical test used, by its `--test` name: "mann-whitney",
    // "mann-whitney-exact", "welch", "moderated-t"; "permutation" for a statistic other
    // than the median tested on its own ratio; for paired rounds (`ab`) "wilcoxon", and
    // "sign-flip" for another statistic; "none" when the comparison is classified by its
    // ratio alone (see `tested`).
    std::string test = "none";
    // How the test was computed: "exact" or "asymptotic" (Mann-Whitney), "log" (t-tests on
    // log values), "summary" (Welch from mean, stddev and n) or "monte-carlo" (random
    // permutations); empty when untested.
    std::string test_variant;
    // False when the sample sizes cannot reach significance (e.g. 1 vs 1) or a side has no
    // samples: the class then follows the ratio alone.
    bool tested = false;
    // Tested, and the adjusted p-value is below alpha.
    bool significant = false;
    ChangeClass change = ChangeClass::unchanged;
    // False for measures whose direction is unknown: reported, never a regression.
    bool gated = true;
    Level level = Level::pass;  // decided by the gate
    // Noise of each side (empty for a side without samples or summary) and whether Tukey
    // outliers were removed before comparing (`--drop-outliers`).
    std::optional<SideNoise> noise_baseline;
    std::optional<SideNoise> noise_candidate;
    bool outliers_dropped = false;
    std::optional<Power> power;
    // Caveats attached to the result ("too few samples to test: 3 vs 3").
    std::vector<std::string> notes;
    std::string message;  // the benchmark's own error or skip message
    // The between-run noise of the metric, when `check` knew it from the suite's history.
    std::optional<BetweenRun> between_run;
    // A step within one side's run that makes this change unreliable (LevelShift).
    std::optional<LevelShift> level_shift;
    // Set for each regression of the first run that a rerun was asked to confirm; an
    // unconfirmed one keeps its numbers and is classed unchanged (gate/confirmation.hpp).
    std::optional<Confirmation> confirmation;
};

}  // namespace caws::model
