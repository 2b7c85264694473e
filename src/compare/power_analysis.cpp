#include "compare/power_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include "compare/statistic_test.hpp"
#include "compare/test_choice.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/moderated_t.hpp"
#include "stats/power.hpp"

namespace caws::compare {
namespace {

constexpr double k_infinity = std::numeric_limits<double>::infinity();

// Asymptotic relative efficiency of the Mann-Whitney test against the t-test on normal
// data (3 / pi): a rank test needs about pi / 3 times the samples for the same power.
constexpr double k_rank_efficiency = 3 / std::numbers::pi;

// The smallest equal sample size at which the exact rank test can reach `alpha`.
std::size_t rank_test_minimum_size(double alpha) {
    for (std::size_t n = 2; n < 200; ++n) {
        if (stats::mann_whitney_min_p(n, n) <= alpha) return n;
    }
    return 200;
}

// The noise of one log value, with the degrees of freedom it rests on and those a prior
// adds.
struct NoiseEstimate {
    double sigma = 0;
    double df = 0;
    double prior_df = 0;
};

std::optional<NoiseEstimate> noise_estimate(const model::Comparison& c, const RunContext& context,
                                            const Side& b, const Side& s) {
    const std::size_t n1 = b.values.size();
    const std::size_t n2 = s.values.size();
    if (n1 > 0 && n2 > 0 && b.positive && s.positive) {
        const stats::PooledVariance pooled = stats::pooled_variance(b.log_summary, s.log_summary);
        if (context.prior != nullptr &&
            (c.test == to_string(SignificanceTest::moderated_t) || pooled.df < 1)) {
            const double variance =
                stats::posterior_variance(*context.prior, pooled.variance, pooled.df);
            return NoiseEstimate{std::sqrt(variance), context.prior->df + pooled.df,
                                 context.prior->df};
        }
        if (pooled.df >= 1) return NoiseEstimate{std::sqrt(pooled.variance), pooled.df, 0};
        return std::nullopt;
    }
    // Summaries: the log-normal standard deviation that matches each side's CV.
    const auto& bn = c.noise_baseline;
    const auto& cn = c.noise_candidate;
    if (bn && cn && bn->cv && cn->cv && c.n_baseline >= 2 && c.n_candidate >= 2) {
        const auto d1 = static_cast<double>(c.n_baseline - 1);
        const auto d2 = static_cast<double>(c.n_candidate - 1);
        const double v1 = std::log1p(*bn->cv * *bn->cv);
        const double v2 = std::log1p(*cn->cv * *cn->cv);
        return NoiseEstimate{std::sqrt((d1 * v1 + d2 * v2) / (d1 + d2)), d1 + d2, 0};
    }
    return std::nullopt;
}

// The power of a test of the statistic's own ratio (a permutation test): a normal test of
// the log ratio whose standard error the bootstrap measured. The noise of one value is
// that error scaled by sqrt(1 / (1/n1 + 1/n2)), which for a quantile is the asymptotic
// sqrt(p (1 - p)) / (q f(q)) of its log (docs/statistics.md, "Tail statistics").
//
// A quantile with fewer than 5 values beyond it (the p99 of 50) interpolates between the
// sample's largest values, and the error the bootstrap measures there is compressed: scaled
// by that rule, the advice (199 samples per side for a p99 of 50 log-normal values)
// detected 1.2x in 60% of simulated metrics instead of 80%. There the noise is at least the
// normal-theory one of the quantile of log-normal values, sqrt(p (1 - p)) / phi(z_p) times
// the pooled standard deviation of the logs.
double sparse_quantile_noise(const model::Comparison& c, const Side& b, const Side& s) {
    const auto statistic = statistic_from_string(c.statistic);
    if (!statistic || !uses_smoothing(*statistic, std::min(b.values.size(), s.values.size()))) {
        return 0;
    }
    const auto sample = sample_statistic(*statistic);
    if (!sample || !(sample->p > 0 && sample->p < 1) || !b.positive || !s.positive) return 0;
    const stats::PooledVariance pooled = stats::pooled_variance(b.log_summary, s.log_summary);
    if (!(pooled.df >= 1)) return 0;
    return std::sqrt(pooled.variance) * stats::quantile_noise_factor(sample->p);
}

model::Power statistic_power(const model::Comparison& c, const Options& options,
                             const RunContext& context, double log_standard_error, const Side& b,
                             const Side& s) {
    model::Power power;
    const double alpha = per_metric_alpha(options, context.family_size);
    const auto n1 = static_cast<double>(c.n_baseline);
    const auto n2 = static_cast<double>(c.n_candidate);
    const double sigma =
        std::max(log_standard_error / std::sqrt(1 / n1 + 1 / n2), sparse_quantile_noise(c, b, s));
    power.noise = sigma;
    const double df = n1 + n2 - 2;
    const bool reachable = c.tested &&
                           stats::mann_whitney_min_p(c.n_baseline, c.n_candidate) <= alpha &&
                           1 / static_cast<double>(options.resamples + 1) < alpha;
    const double shift = stats::minimum_detectable_shift(sigma, n1, n2, df, alpha, options.power);
    power.min_detectable_ratio = reachable && std::isfinite(shift) ? std::exp(shift) : k_infinity;
    const auto needed =
        stats::repetitions_needed(sigma, std::log(options.thresholds.minor), alpha, options.power);
    if (needed) power.repetitions_needed = std::max(*needed, rank_test_minimum_size(alpha));
    power.needs_repetitions = *power.min_detectable_ratio > options.thresholds.minor;
    return power;
}

}  // namespace

model::Power power_analysis(const model::Comparison& c, const Options& options,
                            const RunContext& context, const Side& b, const Side& s,
                            std::optional<double> log_standard_error) {
    if (log_standard_error) return statistic_power(c, options, context, *log_standard_error, b, s);
    model::Power power;
    const double alpha = per_metric_alpha(options, context.family_size);
    const double minor_shift = std::log(options.thresholds.minor);
    const bool rank_test = c.test == to_string(SignificanceTest::mann_whitney) ||
                           c.test == to_string(SignificanceTest::mann_whitney_exact);
    const auto noise = noise_estimate(c, context, b, s);
    if (noise) power.noise = noise->sigma;

    const auto n1 = static_cast<double>(c.n_baseline);
    const auto n2 = static_cast<double>(c.n_candidate);
    if (!c.tested) {
        power.min_detectable_ratio = k_infinity;
    } else if (noise) {
        const double efficiency = rank_test ? k_rank_efficiency : 1.0;
        const bool reachable =
            !rank_test || stats::mann_whitney_min_p(c.n_baseline, c.n_candidate) <= alpha;
        const double shift = stats::minimum_detectable_shift(
            noise->sigma, n1 * efficiency, n2 * efficiency, noise->df, alpha, options.power);
        power.min_detectable_ratio =
            reachable && std::isfinite(shift) ? std::exp(shift) : k_infinity;
    }
    if (noise) {
        const auto needed = stats::repetitions_needed(noise->sigma, minor_shift, alpha,
                                                      options.power, noise->prior_df);
        if (needed) {
            std::size_t n = *needed;
            // A rank test needs pi / 3 times the samples of a t-test, and enough samples for
            // its smallest p-value to reach alpha; auto switches to it once they do.
            const bool rank_at_n = options.test == SignificanceTest::automatic
                                       ? stats::mann_whitney_min_p(n, n) <= alpha
                                       : rank_test;
            if (rank_at_n) {
                n = std::max(
                    static_cast<std::size_t>(std::ceil(static_cast<double>(n) / k_rank_efficiency)),
                    rank_test_minimum_size(alpha));
            }
            power.repetitions_needed = n;
        }
    }
    power.needs_repetitions =
        power.min_detectable_ratio && *power.min_detectable_ratio > options.thresholds.minor;
    return power;
}

}  // namespace caws::compare
