#include "stats/statistic_bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "stats/descriptive.hpp"
#include "stats/random.hpp"
#include "stats/student_t.hpp"

namespace caws::stats {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

// Type 7 from the order statistic below the position and the next one, with the
// arithmetic of quantile_sorted, so that both give the same bits.
double interpolate(double low, double high, double fraction) {
    return low + (high - low) * fraction;
}

// The replicates sorted, and the interval at two levels of their distribution.
Interval interval_at(std::span<const double> sorted, double low, double high) {
    return Interval{quantile_sorted(sorted, low), quantile_sorted(sorted, high)};
}

std::vector<double> sorted_copy(std::span<const double> values) {
    std::vector<double> sorted(values.begin(), values.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

// Fills `into` with a resample of `from` (with replacement, the same size).
void resample(std::span<const double> from, std::vector<double>& into, Random& random) {
    const auto bound = static_cast<std::uint32_t>(from.size());
    const std::size_t n = from.size();
    std::uint32_t first = 0;
    std::uint32_t second = 0;
    std::size_t i = 0;
    for (; i + 1 < n; i += 2) {
        random.below_twice(bound, first, second);
        into[i] = from[first];
        into[i + 1] = from[second];
    }
    if (i < n) into[i] = from[random.below(bound)];
}

bool all_positive(std::span<const double> values) {
    return std::all_of(values.begin(), values.end(),
                       [](double v) { return v > 0 && std::isfinite(v); });
}

// The permutation p-value of |log(statistic(y) / statistic(x))|: `pooled` holds both
// samples and is shuffled in place (a partial Fisher-Yates shuffle of any arrangement
// draws a uniformly random split, so the buffer need not be restored).
double permutation_p_value(std::vector<double>& pooled, std::size_t n1, double observed,
                           const SampleStatistic& statistic, std::size_t permutations,
                           Random& random) {
    const std::size_t n = pooled.size();
    // scipy.stats.permutation_test's tolerance: null values equal to the observed one up
    // to rounding count as at least as extreme.
    const double target = std::abs(observed) * (1 - 100 * std::numeric_limits<double>::epsilon());
    const std::span<double> all(pooled);
    std::size_t extreme = 0;
    for (std::size_t b = 0; b < permutations; ++b) {
        for (std::size_t i = 0; i < n1; ++i) {
            const std::size_t j = i + random.below(static_cast<std::uint32_t>(n - i));
            std::swap(pooled[i], pooled[j]);
        }
        const double sx = evaluate_in_place(all.first(n1), statistic);
        const double sy = evaluate_in_place(all.subspan(n1), statistic);
        if (std::abs(std::log(sy / sx)) >= target) ++extreme;
    }
    return static_cast<double>(extreme + 1) / static_cast<double>(permutations + 1);
}

// The jackknife of the ratio over each sample in turn (the other one whole).
std::vector<std::vector<double>> ratio_jackknife(std::span<const double> x,
                                                 std::span<const double> y, double sx, double sy,
                                                 const SampleStatistic& statistic) {
    std::vector<std::vector<double>> out{jackknife_values(x, statistic),
                                         jackknife_values(y, statistic)};
    for (double& v : out[0]) v = sy / v;
    for (double& v : out[1]) v = v / sx;
    return out;
}

// The stream of a smoothed bootstrap's noise: apart from the resamples' and permutations'.
constexpr std::uint64_t k_smoothing_stream = 0x5300780;

// Fills `into` with a smoothed resample of the logs of `from` (SmoothedSample).
void smoothed_resample(const SmoothedSample& from, std::vector<double>& into, Random& random,
                       Random& noise) {
    resample(from.logs, into, random);
    for (double& v : into) {
        v = from.mean + (v - from.mean + from.bandwidth * noise.normal()) * from.shrink;
    }
}

// The statistic of the ratio's replicates, smoothed: exp of the difference of the logs'
// statistics (the quantiles of the logs are the logs of the quantiles, up to the
// interpolation between two neighbours).
std::vector<double> smoothed_ratios(std::span<const double> x, std::span<const double> y,
                                    const SampleStatistic& statistic, std::size_t resamples,
                                    std::uint64_t seed, Random& random) {
    const SmoothedSample sx = smoothed_sample(x);
    const SmoothedSample sy = smoothed_sample(y);
    std::vector<double> bx(x.size());
    std::vector<double> by(y.size());
    Random noise(derive_seed(seed, k_smoothing_stream));
    std::vector<double> ratios(resamples);
    for (double& ratio : ratios) {
        smoothed_resample(sx, bx, random, noise);
        smoothed_resample(sy, by, random, noise);
        const double below = evaluate_in_place(bx, statistic);
        ratio = std::exp(evaluate_in_place(by, statistic) - below);
    }
    return ratios;
}

// The plain bootstrap ratios.
std::vector<double> plain_ratios(std::span<const double> x, std::span<const double> y,
                                 const SampleStatistic& statistic, std::size_t resamples,
                                 Random& random) {
    std::vector<double> bx(x.size());
    std::vector<double> by(y.size());
    std::vector<double> ratios(resamples);
    for (double& ratio : ratios) {
        resample(x, bx, random);
        resample(y, by, random);
        const double below = evaluate_in_place(bx, statistic);
        ratio = evaluate_in_place(by, statistic) / below;
    }
    return ratios;
}

}  // namespace

double log_standard_error_of(std::span<const double> ratios) {
    double sum = 0;
    for (const double r : ratios) sum += std::log(r);
    const double mean_log = sum / static_cast<double>(ratios.size());
    double squares = 0;
    for (const double r : ratios) squares += (std::log(r) - mean_log) * (std::log(r) - mean_log);
    return ratios.size() < 2 ? 0.0 : std::sqrt(squares / static_cast<double>(ratios.size() - 1));
}

SmoothedSample smoothed_sample(std::span<const double> values) {
    SmoothedSample out;
    out.logs.reserve(values.size());
    for (const double v : values) out.logs.push_back(std::log(v));
    out.mean = mean(out.logs);
    const SilvermanKernel kernel = silverman_kernel(out.logs, sample_stddev(out.logs));
    out.bandwidth = kernel.bandwidth;
    out.shrink = kernel.shrink;
    return out;
}

SilvermanKernel silverman_kernel(std::span<const double> values, double s) {
    SilvermanKernel out;
    if (!(s > 0)) return out;
    const double iqr = quantile(values, 0.75) - quantile(values, 0.25);
    const double spread = iqr > 0 ? std::min(s, iqr / 1.34) : s;
    out.bandwidth = 0.9 * spread * std::pow(static_cast<double>(values.size()), -0.2);
    out.shrink = 1 / std::sqrt(1 + out.bandwidth * out.bandwidth / (s * s));
    return out;
}

double evaluate_in_place(std::span<double> values, const SampleStatistic& statistic) {
    const std::size_t n = values.size();
    if (n == 0) return k_nan;
    if (statistic.kind == SampleStatistic::Kind::mean) return mean(values);
    const double p = std::clamp(statistic.p, 0.0, 1.0);
    const double position =
        std::clamp(p * static_cast<double>(n - 1), 0.0, static_cast<double>(n - 1));
    const auto below = static_cast<std::size_t>(std::floor(position));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(below);
    std::nth_element(values.begin(), at, values.end());
    const double low = *at;
    if (below + 1 >= n) return interpolate(low, low, position - static_cast<double>(below));
    const double high = *std::min_element(at + 1, values.end());
    return interpolate(low, high, position - static_cast<double>(below));
}

std::vector<double> jackknife_values(std::span<const double> values,
                                     const SampleStatistic& statistic) {
    const std::size_t n = values.size();
    std::vector<double> out;
    if (n < 2) return out;
    const std::vector<double> sorted = sorted_copy(values);
    out.reserve(n);
    if (statistic.kind == SampleStatistic::Kind::mean) {
        double sum = 0;
        for (const double v : sorted) sum += v;
        for (const double v : sorted) out.push_back((sum - v) / static_cast<double>(n - 1));
        return out;
    }
    // Without the value at sorted index r, the k-th order statistic of the rest is
    // sorted[k] below r and sorted[k + 1] from r on.
    const double position = std::clamp(statistic.p, 0.0, 1.0) * static_cast<double>(n - 2);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, n - 2);
    const double fraction = position - static_cast<double>(below);
    for (std::size_t r = 0; r < n; ++r) {
        const auto rest = [&](std::size_t k) { return sorted[k < r ? k : k + 1]; };
        out.push_back(interpolate(rest(below), rest(above), fraction));
    }
    return out;
}

std::optional<BcaLevels> bca_levels(std::span<const double> replicates, double estimate,
                                    std::span<const std::vector<double>> jackknife,
                                    double confidence) {
    if (replicates.empty()) return std::nullopt;
    std::size_t below = 0;
    std::size_t at_or_below = 0;
    for (const double r : replicates) {
        below += r < estimate ? 1 : 0;
        at_or_below += r <= estimate ? 1 : 0;
    }
    // At a share of 0 or 1 the bias is infinite: the estimate lies outside the replicates.
    const double share =
        static_cast<double>(below + at_or_below) / (2 * static_cast<double>(replicates.size()));
    if (!(share > 0 && share < 1)) return std::nullopt;
    BcaLevels levels;
    levels.bias = normal_quantile(share);
    double cubes = 0;
    double squares = 0;
    for (const std::vector<double>& values : jackknife) {
        if (values.empty()) continue;
        const auto n = static_cast<double>(values.size());
        double sum = 0;
        for (const double v : values) sum += v;
        const double dot = sum / n;
        double u3 = 0;
        double u2 = 0;
        for (const double v : values) {
            const double u = (n - 1) * (dot - v);
            u3 += u * u * u;
            u2 += u * u;
        }
        cubes += u3 / (n * n * n);
        squares += u2 / (n * n);
    }
    levels.acceleration = cubes / (6 * std::pow(squares, 1.5));
    const double z = normal_quantile((1 - confidence) / 2);
    const auto level = [&](double z_alpha) {
        const double num = levels.bias + z_alpha;
        return normal_cdf(levels.bias + num / (1 - levels.acceleration * num));
    };
    levels.low = level(z);
    levels.high = level(-z);
    if (!std::isfinite(levels.bias) || !std::isfinite(levels.acceleration) ||
        !(levels.low >= 0 && levels.low <= 1) || !(levels.high >= 0 && levels.high <= 1)) {
        return std::nullopt;
    }
    return levels;
}

std::optional<Interval> bca_interval(std::span<const double> replicates, double estimate,
                                     std::span<const std::vector<double>> jackknife,
                                     double confidence) {
    const auto levels = bca_levels(replicates, estimate, jackknife, confidence);
    if (!levels) return std::nullopt;
    return interval_at(sorted_copy(replicates), levels->low, levels->high);
}

Interval percentile_interval_of(std::span<const double> replicates, double confidence) {
    const double tail = (1 - confidence) / 2;
    return interval_at(sorted_copy(replicates), tail, 1 - tail);
}

double expanded_confidence(double confidence, std::size_t units) {
    if (units < 2) return confidence;
    const auto n = static_cast<double>(units);
    const double t = student_t_quantile(1 - (1 - confidence) / 2, n - 1);
    return std::min(1 - 2 * normal_cdf(-std::sqrt(n / (n - 1)) * t), 1 - 1e-9);
}

RatioBootstrap ratio_bootstrap_from(std::vector<double> ratios, double ratio,
                                    std::span<const std::vector<double>> jackknife,
                                    const RatioBootstrapOptions& options) {
    RatioBootstrap out;
    out.ratio = ratio;
    out.log_standard_error = log_standard_error_of(ratios);
    std::sort(ratios.begin(), ratios.end());
    std::optional<BcaLevels> levels;
    if (options.bca) levels = bca_levels(ratios, ratio, jackknife, options.confidence);
    const double tail = (1 - options.confidence) / 2;
    out.bca = levels.has_value();
    out.interval = levels ? interval_at(ratios, levels->low, levels->high)
                          : interval_at(ratios, tail, 1 - tail);
    if (ratio < out.interval.low || ratio > out.interval.high) {
        out.widened = true;
        out.interval.low = std::min(out.interval.low, ratio);
        out.interval.high = std::max(out.interval.high, ratio);
    }
    return out;
}

std::optional<RatioBootstrap> bootstrap_statistic_ratio(std::span<const double> x,
                                                        std::span<const double> y,
                                                        const SampleStatistic& statistic,
                                                        const RatioBootstrapOptions& options) {
    if (x.size() < 2 || y.size() < 2 || options.resamples == 0) return std::nullopt;
    if (!all_positive(x) || !all_positive(y)) return std::nullopt;
    std::vector<double> copy(x.begin(), x.end());
    const double sx = evaluate_in_place(copy, statistic);
    copy.assign(y.begin(), y.end());
    const double sy = evaluate_in_place(copy, statistic);

    Random random(options.seed);
    // The logs' mean is not the log of the mean: only quantiles are smoothed.
    const bool smoothed = options.smoothed && statistic.kind == SampleStatistic::Kind::quantile;
    std::vector<double> ratios =
        smoothed ? smoothed_ratios(x, y, statistic, options.resamples, options.seed, random)
                 : plain_ratios(x, y, statistic, options.resamples, random);
    RatioBootstrapOptions interval = options;
    interval.bca = options.bca && !smoothed;  // the smoothed bootstrap's percentile interval
    RatioBootstrap out =
        ratio_bootstrap_from(std::move(ratios), sy / sx,
                             interval.bca ? ratio_jackknife(x, y, sx, sy, statistic)
                                          : std::vector<std::vector<double>>{},
                             interval);
    out.smoothed = smoothed;

    std::vector<double> pooled(x.begin(), x.end());
    pooled.insert(pooled.end(), y.begin(), y.end());
    out.p_value = permutation_p_value(pooled, x.size(), std::log(out.ratio), statistic,
                                      options.resamples, random);
    return out;
}

}  // namespace caws::stats
