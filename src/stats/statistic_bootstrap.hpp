#pragma once

// The ratio of one statistic of two independent samples (a quantile, the mean, the minimum
// or the maximum): its bootstrap interval, BCa or percentile, and a permutation test of its
// log (docs/statistics.md, "Tail statistics").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "stats/interval.hpp"

namespace caws::stats {

// The statistic of one sample: the mean, or the quantile `p` in [0, 1] by linear
// interpolation (type 7, numpy's default); p = 0 is the minimum and p = 1 the maximum.
struct SampleStatistic {
    enum class Kind { mean, quantile };
    Kind kind = Kind::mean;
    double p = 0.5;
};

// The statistic of `values`, which it reorders (selection instead of a sort). The same
// value as stats::mean and stats::quantile give, bit for bit. NaN for an empty span.
double evaluate_in_place(std::span<double> values, const SampleStatistic& statistic);

// The leave-one-out (jackknife) values of the statistic: n values, one per value left out,
// in the order of the sorted sample. Empty for fewer than two values.
std::vector<double> jackknife_values(std::span<const double> values,
                                     const SampleStatistic& statistic);

struct RatioBootstrapOptions {
    std::size_t resamples = 2000;  // bootstrap resamples, and as many permutations
    double confidence = 0.95;      // of the interval, in (0, 1)
    std::uint64_t seed = 0;        // the same seed gives the same interval and p-value
    // BCa where it is defined; false: the percentile interval. BCa needs a smooth
    // statistic: it is poor for the minimum and the maximum.
    bool bca = true;
    // The smoothed bootstrap (see SmoothedSample) and its percentile interval, in place of
    // BCa: for quantiles, whose plain bootstrap never goes past the sample's extremes.
    // Ignored for the mean.
    bool smoothed = false;
};

// The smoothed bootstrap of a positive sample (Silverman & Young 1987; Hall, DiCiccio &
// Romano 1989) on the log scale: a resampled log value v becomes
// m + (v - m + h Z) / sqrt(1 + h^2 / s^2), Z standard normal, with m and s the mean and
// standard deviation of the logs and h Silverman's (1986, eq. 3.31) rule of thumb
// 0.9 min(s, IQR / 1.34) n^(-1/5) (s when the IQR is 0): a draw from a kernel density of
// the logs, shrunk to keep their variance. Its quantiles vary beyond the sample's values.
struct SmoothedSample {
    std::vector<double> logs;
    double mean = 0;
    double bandwidth = 0;  // h
    double shrink = 1;     // 1 / sqrt(1 + h^2 / s^2)
};

// The logs of `values` (all positive) and their bandwidth.
SmoothedSample smoothed_sample(std::span<const double> values);

// Silverman's (1986, eq. 3.31) rule-of-thumb bandwidth h = 0.9 min(s, IQR / 1.34) n^(-1/5)
// of the n `values` (s when their IQR is 0), `s` their standard deviation, and the shrink
// 1 / sqrt(1 + h^2 / s^2) that keeps the variance of the smoothed draws. Bandwidth 0 and
// shrink 1 when s is not positive.
struct SilvermanKernel {
    double bandwidth = 0;
    double shrink = 1;
};
SilvermanKernel silverman_kernel(std::span<const double> values, double s);

// The BCa levels (Efron & Tibshirani 1993, sec. 14.3; eq. 14.14 and 14.15 as
// scipy.stats.bootstrap computes them for several samples): the bias z0 from the share of
// replicates below the estimate (ties count one half), the acceleration from the
// jackknife of every sample in turn, U = (n - 1)(mean - theta_(i)),
// a = sum_j (sum U^3 / n^3) / (6 (sum_j sum U^2 / n^2)^(3/2)),
// and the levels Phi(z0 + (z0 + z) / (1 - a (z0 + z))) for z = Phi^-1((1 -+ confidence)/2).
struct BcaLevels {
    double low = 0;   // the level of the lower end, in (0, 1)
    double high = 0;  // of the upper end
    double bias = 0;  // z0
    double acceleration = 0;
};

// Empty when the levels are not defined: the estimate is outside every replicate (z0
// infinite), the jackknife values do not vary (a = 0 / 0) or a level is NaN.
std::optional<BcaLevels> bca_levels(std::span<const double> replicates, double estimate,
                                    std::span<const std::vector<double>> jackknife,
                                    double confidence);

// The BCa interval from a bootstrap distribution already drawn: the bca_levels quantiles
// (type 7) of `replicates`. What scipy.stats.bootstrap(method="BCa") returns for the same
// replicates. Empty as bca_levels.
std::optional<Interval> bca_interval(std::span<const double> replicates, double estimate,
                                     std::span<const std::vector<double>> jackknife,
                                     double confidence);

// The percentile interval: the (1 -+ confidence)/2 quantiles (type 7) of `replicates`.
Interval percentile_interval_of(std::span<const double> replicates, double confidence);

// The nominal level at which a bootstrap over `units` resampled units takes its quantiles
// so that its interval has about `confidence` (Hesterberg 2015, "expanded percentile"):
// the bootstrap's spread is that of a plug-in variance, short by sqrt((n - 1) / n), and
// its tails normal where a t with n - 1 degrees of freedom fits few units, so the normal
// quantile z = Phi^-1((1 - confidence) / 2) becomes sqrt(n / (n - 1)) t(n - 1) at the same
// tail and the level 1 - 2 Phi(-sqrt(n / (n - 1)) t(1 - (1 - confidence) / 2; n - 1)).
// 0.95 is 0.9829 for 10 units, 0.9682 for 20, 0.9539 for 100; at most 1 - 1e-9 (two or
// three units: the replicates' range). `confidence` itself for fewer than two units.
double expanded_confidence(double confidence, std::size_t units);

struct RatioBootstrap {
    double ratio = 1;  // statistic(y) / statistic(x)
    // Of the ratio, always containing `ratio` (see `widened`).
    Interval interval;
    bool bca = false;       // BCa; false: the percentile interval (asked, or BCa undefined)
    bool smoothed = false;  // the percentile interval of the smoothed bootstrap
    // The interval did not contain `ratio` (a skewed bootstrap distribution can leave it
    // out) and was extended to it.
    bool widened = false;
    // The standard deviation of the log of the resampled ratios: the standard error of
    // log(ratio).
    double log_standard_error = 0;
    // Two-sided permutation p-value of |log ratio|: the samples pooled and split at random
    // `resamples` times, p = (1 + #{|log ratio*| >= |log ratio|}) / (1 + resamples), so
    // never below 1 / (1 + resamples). Exact under the hypothesis that both samples come
    // from the same distribution.
    double p_value = 1;
};

// The sample standard deviation of the logs of `ratios`: the bootstrap's standard error of
// the log ratio. 0 for fewer than two.
double log_standard_error_of(std::span<const double> ratios);

// The interval part of a bootstrap of `ratio`: from its resampled `ratios`, the standard
// error of their log, the BCa interval with `jackknife` (bca_levels) when options.bca asks
// and it is defined, else the percentile one, widened to `ratio` when it misses it.
// `p_value` is left at 1 for the caller's test.
RatioBootstrap ratio_bootstrap_from(std::vector<double> ratios, double ratio,
                                    std::span<const std::vector<double>> jackknife,
                                    const RatioBootstrapOptions& options);

// The bootstrap of statistic(y) / statistic(x), each sample resampled with replacement on
// its own, and the permutation test of its log, from one seeded stream (a smoothed
// bootstrap's noise from a second one derived from the seed, so that the resampled indices
// and the permutations are the same either way). Empty when a side
// has fewer than two values, a value is not positive and finite, or `resamples` is zero.
std::optional<RatioBootstrap> bootstrap_statistic_ratio(std::span<const double> x,
                                                        std::span<const double> y,
                                                        const SampleStatistic& statistic,
                                                        const RatioBootstrapOptions& options = {});

}  // namespace caws::stats
