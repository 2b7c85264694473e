#pragma once

// The spread of a quantity measured once per run across runs (a benchmark's median in each
// run of a suite's history), pooled across many such quantities, and the prediction
// interval of the value the next run will give (docs/statistics.md, "Between-run noise").

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "stats/moderated_t.hpp"

namespace caws::stats {

// The mean and sample variance of the logs of k positive values.
struct LogSpread {
    std::size_t runs = 0;  // k
    double mean = 0;       // of the log values
    double variance = 0;   // sample variance (k - 1 in the denominator); 0 when k = 1
    double df = 0;         // k - 1
};

// Empty when `values` is empty or holds a value that is not positive and finite.
std::optional<LogSpread> log_spread(std::span<const double> values);

// The range of the logs of k positive values, and their spread measured robustly: where
// runs of the same code have already been, when some of them ran in a slow state of the
// machine that a normal spread does not describe (docs/statistics.md, "The history's range").
struct LogRange {
    std::size_t runs = 0;  // k
    double low = 0;        // the smallest log value
    double high = 0;       // the largest
    // 1.4826 times the median absolute deviation of the log values: the spread of the runs
    // in their usual state, which a few slow runs do not inflate.
    double robust_sd = 0;
};

// Empty when `values` is empty or holds a value that is not positive and finite.
std::optional<LogRange> log_range(std::span<const double> values);

// A variance moderated towards a prior, with the degrees of freedom it carries.
struct ModeratedVariance {
    double variance = 0;
    double df = 0;
};

// Variances of many quantities with the prior fitted on them, when there is one.
struct ModeratedVariances {
    std::optional<NoisePrior> prior;
    std::vector<ModeratedVariance> posterior;  // parallel to the input
};

// Moderates each variance `variances[i]` (on `dfs[i]` degrees of freedom, 0 allowed) as
// the moderated t-test does (Smyth 2004): when at least `min_measurements` (and 2) of them
// are positive and finite with positive finite df, fit_noise_prior fits (d0, s0^2) on those,
// and every variance becomes posterior_variance (s0^2 for d = 0, and for an infinite d0)
// on min(d0 + d, D) degrees of freedom, D the sum of the df of the variances the prior was
// fitted on: the prior cannot know more than all of them together (limma's cap of
// df.total at df.pooled). Without a prior each keeps its own value and df. The spans must
// have the same length.
ModeratedVariances moderate_variances(std::span<const double> variances,
                                      std::span<const double> dfs, std::size_t min_measurements);

// An interval that holds the next value of a normal quantity with probability `level`,
// when its mean was estimated from k values and its standard deviation `sd` on `df`
// degrees of freedom: centre +- t(df, (1 + level) / 2) sd sqrt(1 + 1/k) (Student's t;
// the normal quantile for df = +infinity).
struct PredictionInterval {
    double low = 0;
    double high = 0;
    double half_width = 0;
};

// Empty unless sd >= 0 and finite, df > 0, k >= 1 and 0 < level < 1.
std::optional<PredictionInterval> prediction_interval(double centre, double sd, double df,
                                                      std::size_t k, double level);

}  // namespace caws::stats
