#pragma once

// The test and interval of a comparison on a statistic other than the median (p90, p95,
// p99, mean, min, max) with samples on both sides: a seeded bootstrap of the statistic's
// ratio and a permutation test of its log (stats/statistic_bootstrap.hpp,
// docs/statistics.md "Tail statistics"). Internal to compare/.

#include <cstddef>
#include <optional>
#include <string_view>

#include "compare/comparator.hpp"
#include "compare/side.hpp"
#include "stats/statistic_bootstrap.hpp"

namespace caws::compare {

// The comparison's `test`, and its `ci_method` for the BCa and the percentile interval.
inline constexpr std::string_view k_permutation_test = "permutation";
inline constexpr std::string_view k_bca_ci_method = "bca-bootstrap";
inline constexpr std::string_view k_percentile_ci_method = "percentile-bootstrap";
inline constexpr std::string_view k_smoothed_ci_method = "smoothed-bootstrap";

// The statistic as stats sees it; nullopt for the median (its own methods).
std::optional<stats::SampleStatistic> sample_statistic(Statistic statistic);

// Whether the interval of `statistic`, with `n` values on the smaller side, is the smoothed
// bootstrap's percentile one rather than BCa: a quantile with fewer than 5 values beyond
// it, n min(p, 1 - p) < 5 (p99 below 500 values, p95 below 100, p90 below 50; the minimum
// and the maximum always), where the plain bootstrap, which never goes past the sample's
// extremes, undercovers. Never the mean.
bool uses_smoothing(Statistic statistic, std::size_t n);

// Whether the interval of `statistic` is BCa where it is not smoothed (smooth statistics)
// or the percentile one (the minimum and the maximum, where BCa's jackknife and bias
// correction break down).
bool uses_bca(Statistic statistic);

// Whether `statistic` (a comparison's `statistic`) is the minimum or the maximum: no error
// falling as one over the root of the samples, so no number of repetitions, samples or
// rounds is advised for it (docs/statistics.md, "Power for a statistic").
bool is_extreme(std::string_view statistic);

// Sets no repetitions (or rounds) needed on `c.power` for an extreme, and when its test
// cannot detect the minor threshold notes "more samples help a max's test little: ...".
void drop_extreme_advice(model::Comparison& c);

// Whether comparison `c` (its statistic picked) is tested on its statistic's own ratio:
// a statistic other than the median, and samples on both sides.
bool tests_own_statistic(const model::Comparison& c, const Side& b, const Side& s);

// Sets `c.ci` from the bootstrap `r` (of candidate / baseline), oriented like `c.ratio` and
// containing it, and `c.ci_method` to `bca_method` or `percentile_method`; notes when the
// bootstrap widened the interval to the ratio.
void set_statistic_interval(model::Comparison& c, const stats::RatioBootstrap& r,
                            const Options& options, std::string_view bca_method,
                            std::string_view percentile_method,
                            std::string_view smoothed_method = k_smoothed_ci_method);

struct StatisticOutcome {
    // The test was significant, or could not be run: the ratio alone decides.
    bool conclusive = true;
    // Tested, or untested only for too few samples: the power analysis applies.
    bool testable = false;
    // The bootstrap's standard error of the log ratio, for the power analysis.
    std::optional<double> log_standard_error;
};

// Sets `c.test`, `c.p_value`, `c.ci` and `c.ci_method` (or notes why not) from baseline
// side `b` and candidate side `s` of `metric`, seeded by options.seed and the metric.
StatisticOutcome test_statistic(model::Comparison& c, const model::Metric& metric, const Side& b,
                                const Side& s, const Options& options, const RunContext& context);

}  // namespace caws::compare
