#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "compare/methods.hpp"
#include "compare/statistic.hpp"
#include "model/comparison.hpp"
#include "model/run.hpp"
#include "stats/moderated_t.hpp"

namespace caws::compare {

// Oriented-ratio thresholds of the classes of change (docs/statistics.md).
struct Thresholds {
    double minor = 1.2;
    double moderate = 1.5;
    double severe = 2.0;
};

struct BetweenRunNoise;  // compare/between_run.hpp

// How metrics are compared; docs/statistics.md explains each choice.
struct Options {
    // The statistic whose ratio is classified. When a side lacks it (a summary without
    // that percentile), the median, then the mean, is used and named in the comparison.
    Statistic statistic = Statistic::median;
    Thresholds thresholds;
    double alpha = 0.05;  // significance level of the two-sided test, after correction
    SignificanceTest test = SignificanceTest::automatic;
    Correction correction = Correction::bh;  // across the tested gated metrics of a run
    CiMethod ci = CiMethod::hodges_lehmann;
    double confidence = 0.95;      // of the ratio intervals and the geometric mean's, in (0, 1)
    std::size_t resamples = 2000;  // bootstrap resamples (ratio and geometric mean intervals)
    std::uint64_t seed = 0;        // bootstrap seed: the same seed gives the same report
    bool drop_outliers = false;    // remove values outside Tukey's fences before comparing
    double power = 0.8;            // target power of the power analysis
    // The suite's between-run noise, when `check` learnt it from the history
    // (compare/between_run.hpp): a change inside it is no regression. Not owned; null:
    // unknown, and the comparison is what it always was.
    const BetweenRunNoise* between_run = nullptr;
    // The baseline's samples are one run's, in the order they ran (a results file, or a
    // baseline of one run), so that a step within them can be looked for; a baseline that
    // pools several runs is not searched (its runs differ by design).
    bool baseline_in_run_order = false;
};

// What the other metrics of a run tell one comparison.
struct RunContext {
    // Number of gated metrics compared together; under a correction the auto rule and the
    // power analysis use alpha / family_size, the level the most significant metric must
    // reach (Holm's first step, and BH's when a single metric changes).
    std::size_t family_size = 1;
    // The noise prior pooled over the metrics of the same measure, when there are enough
    // of them (moderated t-test); null otherwise.
    const stats::NoisePrior* prior = nullptr;
};

// Metrics with the same measure needed before their noise is pooled into a prior.
inline constexpr std::size_t k_min_metrics_for_prior = 10;

// Compares every metric of `baseline` with the same (name, measure) in `candidate`, in two
// passes: each metric on its own (statistic, ratio, interval, noise, raw p-value), then the
// p-values of the tested gated metrics are adjusted together and decide the classes. The
// default measures are gated (gated_measures.hpp): a measure derived from a benchmark's
// time (a rate, a second clock) is compared and reported, not gated.
// Comparisons come in baseline order, then metrics only in the candidate in candidate
// order, so that output is deterministic.
std::vector<model::Comparison> compare_runs(const model::Run& baseline, const model::Run& candidate,
                                            const Options& options = {});

// What a gate file says about one metric.
struct MetricGate {
    // Its options, from the gate file's rules; nullopt when the metric is compared and
    // reported but not gated (outside the gated measures).
    std::optional<Options> options;
    // Whether the gate file chose if this measure is gated (it lists `defaults.measures`, or
    // a matching rule names the measure). Otherwise the default measures decide
    // (gated_measures.hpp): one time measure per benchmark.
    bool measure_chosen = false;
};

// The gate file's settings per metric.
using MetricOptions = std::function<MetricGate(const model::Metric&)>;

// compare_runs with settings per metric (a gate file, which may also choose the gated
// measures). `run` gives what holds for the whole run: the
// correction, outlier removal, interval method and confidence, resamples, seed and power;
// `per_metric` gives each metric's statistic, thresholds, alpha and test (its run-wide
// fields are ignored). The correction still adjusts the p-values of all tested gated
// metrics as one family; each metric then compares its adjusted p-value with its own
// alpha and classifies its ratio with its own thresholds.
std::vector<model::Comparison> compare_runs(const model::Run& baseline, const model::Run& candidate,
                                            const Options& run, const MetricOptions& per_metric);

// One comparison; either side may be null (added / removed). The class uses the raw
// p-value (`p_adjusted` equals it) as if the metric were compared alone; compare_runs
// corrects it across the run.
model::Comparison compare_metric(const model::Metric* baseline, const model::Metric* candidate,
                                 const Options& options = {}, const RunContext& context = {});

// The class of an oriented ratio. `conclusive` is true when the test was significant or
// could not be run (too few samples): then the ratio alone decides.
model::ChangeClass classify(double ratio, bool conclusive, const Thresholds& thresholds);

// Adjusts the p-values of the tested gated comparisons together with `correction`, sets
// `p_adjusted` and `significant`, and classifies every tested gated comparison again.
// Untested and ungated comparisons are left as they are.
void apply_correction(std::vector<model::Comparison>& comparisons, const Options& options);

}  // namespace caws::compare
