#include "stats/paired_statistic_bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

#include "stats/descriptive.hpp"
#include "stats/random.hpp"

namespace caws::stats {
namespace {

// The pooled samples of each side, in buffers kept across resamples.
struct Pool {
    std::vector<double> base;
    std::vector<double> head;

    // The ratio of the statistic over the rounds `indices`, sides exchanged where `swapped`.
    double ratio(std::span<const RoundSamples> rounds, std::span<const std::size_t> indices,
                 const SampleStatistic& statistic, const std::vector<bool>& swapped) {
        base.clear();
        head.clear();
        for (std::size_t k = 0; k < indices.size(); ++k) {
            const RoundSamples& round = rounds[indices[k]];
            const bool swap = k < swapped.size() && swapped[k];
            const std::vector<double>& to_base = swap ? round.head : round.base;
            const std::vector<double>& to_head = swap ? round.base : round.head;
            base.insert(base.end(), to_base.begin(), to_base.end());
            head.insert(head.end(), to_head.begin(), to_head.end());
        }
        const double below = evaluate_in_place(base, statistic);
        return evaluate_in_place(head, statistic) / below;
    }
};

bool usable(std::span<const RoundSamples> rounds) {
    const auto positive = [](const std::vector<double>& values) {
        return !values.empty() && std::all_of(values.begin(), values.end(),
                                              [](double v) { return v > 0 && std::isfinite(v); });
    };
    return std::all_of(rounds.begin(), rounds.end(), [&](const RoundSamples& round) {
        return positive(round.base) && positive(round.head);
    });
}

std::vector<std::size_t> all_rounds(std::size_t n) {
    std::vector<std::size_t> indices(n);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return indices;
}

// The ratios of `resamples` draws of the rounds with replacement.
std::vector<double> resampled_ratios(std::span<const RoundSamples> rounds,
                                     const SampleStatistic& statistic, std::size_t resamples,
                                     Random& random) {
    const auto bound = static_cast<std::uint32_t>(rounds.size());
    std::vector<std::size_t> drawn(rounds.size());
    std::vector<double> ratios(resamples);
    Pool pool;
    for (double& ratio : ratios) {
        for (std::size_t& index : drawn) index = random.below(bound);
        ratio = pool.ratio(rounds, drawn, statistic, {});
    }
    return ratios;
}

// Appends the smoothed logs of round `index` of `side` to `into`.
void append_smoothed(const SmoothedRounds& side, std::size_t index, std::vector<double>& into,
                     Random& noise) {
    const double centre = side.centre[index];
    for (const double v : side.logs[index]) {
        into.push_back(centre + (v - centre + side.bandwidth * noise.normal()) * side.shrink);
    }
}

// The stream of the smoothing noise: apart from the resamples' and the permutations'.
constexpr std::uint64_t k_round_smoothing_stream = 0x5300781;

// The ratios of `resamples` smoothed draws of the rounds: the same rounds as
// resampled_ratios draws, each value smoothed within its round, and the statistic taken on
// the logs (the quantiles of the logs are the logs of the quantiles, up to the
// interpolation between two neighbours).
// `plain` receives the ratios of the same drawn rounds without smoothing.
std::vector<double> smoothed_resampled_ratios(std::span<const RoundSamples> rounds,
                                              const SampleStatistic& statistic,
                                              std::size_t resamples, std::uint64_t seed,
                                              Random& random, std::vector<double>& plain) {
    const SmoothedRounds base = smoothed_rounds(rounds, false);
    const SmoothedRounds head = smoothed_rounds(rounds, true);
    Random noise(derive_seed(seed, k_round_smoothing_stream));
    const auto bound = static_cast<std::uint32_t>(rounds.size());
    std::vector<std::size_t> drawn(rounds.size());
    std::vector<double> pooled_base;
    std::vector<double> pooled_head;
    std::vector<double> ratios(resamples);
    plain.resize(resamples);
    Pool pool;
    for (std::size_t b = 0; b < resamples; ++b) {
        for (std::size_t& index : drawn) index = random.below(bound);
        plain[b] = pool.ratio(rounds, drawn, statistic, {});
        pooled_base.clear();
        pooled_head.clear();
        for (const std::size_t index : drawn) {
            append_smoothed(base, index, pooled_base, noise);
            append_smoothed(head, index, pooled_head, noise);
        }
        const double below = evaluate_in_place(pooled_base, statistic);
        ratios[b] = std::exp(evaluate_in_place(pooled_head, statistic) - below);
    }
    return ratios;
}

// The sign-flip p-value of |log ratio| (RatioBootstrap::p_value, paired).
double sign_flip_p_value(std::span<const RoundSamples> rounds, double observed,
                         const SampleStatistic& statistic, std::size_t permutations,
                         Random& random) {
    // scipy.stats.permutation_test's tolerance, as for independent samples.
    const double target = std::abs(observed) * (1 - 100 * std::numeric_limits<double>::epsilon());
    const std::vector<std::size_t> indices = all_rounds(rounds.size());
    std::vector<bool> swapped(rounds.size());
    Pool pool;
    std::size_t extreme = 0;
    for (std::size_t b = 0; b < permutations; ++b) {
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < swapped.size(); ++i) {
            if (i % 64 == 0) bits = random.next();
            swapped[i] = ((bits >> (i % 64)) & 1U) != 0;
        }
        if (std::abs(std::log(pool.ratio(rounds, indices, statistic, swapped))) >= target) {
            ++extreme;
        }
    }
    return static_cast<double>(extreme + 1) / static_cast<double>(permutations + 1);
}

// The logs of one side, round by round, and the residuals from each round's mean log.
struct RoundLogs {
    std::vector<std::vector<double>> logs;
    std::vector<double> centre;
    std::vector<double> residuals;
};

RoundLogs round_logs(std::span<const RoundSamples> rounds, bool head) {
    RoundLogs out;
    for (const RoundSamples& round : rounds) {
        const std::vector<double>& side = head ? round.head : round.base;
        std::vector<double> logs;
        logs.reserve(side.size());
        for (const double v : side) logs.push_back(std::log(v));
        const double centre = mean(logs);
        for (const double v : logs) out.residuals.push_back(v - centre);
        out.logs.push_back(std::move(logs));
        out.centre.push_back(centre);
    }
    return out;
}

// The residuals' standard deviation on N - R degrees of freedom; 0 without any.
double residual_stddev(std::span<const double> residuals, std::size_t rounds) {
    const std::size_t n = residuals.size();
    if (n <= rounds) return 0;  // one value per round: nothing within rounds
    double squares = 0;
    for (const double r : residuals) squares += r * r;
    return std::sqrt(squares / static_cast<double>(n - rounds));
}

}  // namespace

SmoothedRounds smoothed_rounds(std::span<const RoundSamples> rounds, bool head) {
    RoundLogs logs = round_logs(rounds, head);
    SmoothedRounds out;
    out.logs = std::move(logs.logs);
    out.centre = std::move(logs.centre);
    const double w = residual_stddev(logs.residuals, rounds.size());
    if (!(w > 0)) return out;
    const SilvermanKernel kernel = silverman_kernel(logs.residuals, w);
    out.bandwidth = kernel.bandwidth;
    out.shrink = kernel.shrink;
    return out;
}

double within_round_log_stddev(std::span<const RoundSamples> rounds, bool head) {
    return residual_stddev(round_logs(rounds, head).residuals, rounds.size());
}

double pooled_ratio(std::span<const RoundSamples> rounds, std::span<const std::size_t> indices,
                    const SampleStatistic& statistic, const std::vector<bool>& swapped) {
    Pool pool;
    return pool.ratio(rounds, indices, statistic, swapped);
}

std::vector<double> round_jackknife(std::span<const RoundSamples> rounds,
                                    const SampleStatistic& statistic) {
    const std::size_t n = rounds.size();
    std::vector<double> out;
    if (n < 2) return out;
    out.reserve(n);
    std::vector<std::size_t> rest(n - 1);
    Pool pool;
    for (std::size_t left_out = 0; left_out < n; ++left_out) {
        for (std::size_t k = 0; k + 1 < n; ++k) rest[k] = k < left_out ? k : k + 1;
        out.push_back(pool.ratio(rounds, rest, statistic, {}));
    }
    return out;
}

std::optional<RatioBootstrap> bootstrap_paired_statistic_ratio(
    std::span<const RoundSamples> rounds, const SampleStatistic& statistic,
    const RatioBootstrapOptions& options) {
    if (rounds.size() < 2 || options.resamples == 0 || !usable(rounds)) return std::nullopt;
    const double ratio = pooled_ratio(rounds, all_rounds(rounds.size()), statistic);
    Random random(options.seed);
    // The logs' mean is not the log of the mean: only quantiles are smoothed.
    const bool smoothed = options.smoothed && statistic.kind == SampleStatistic::Kind::quantile;
    std::vector<double> plain;
    std::vector<double> ratios =
        smoothed ? smoothed_resampled_ratios(rounds, statistic, options.resamples, options.seed,
                                             random, plain)
                 : resampled_ratios(rounds, statistic, options.resamples, random);
    std::vector<std::vector<double>> jackknife;
    RatioBootstrapOptions interval = options;
    interval.bca = options.bca && !smoothed;
    if (interval.bca) jackknife.push_back(round_jackknife(rounds, statistic));
    // The smoothed bootstrap's own draws of within-round values widen it enough: at the
    // expanded level it over-covers (docs/statistics.md).
    if (!smoothed) interval.confidence = expanded_confidence(options.confidence, rounds.size());
    RatioBootstrap out = ratio_bootstrap_from(std::move(ratios), ratio, jackknife, interval);
    out.smoothed = smoothed;
    // The standard error (of the power analysis) stays the plain bootstrap's, as its
    // advice was checked with: the smoothing serves the interval's ends.
    if (smoothed) out.log_standard_error = log_standard_error_of(plain);
    out.p_value = sign_flip_p_value(rounds, std::log(ratio), statistic, options.resamples, random);
    return out;
}

std::size_t differing_rounds(std::span<const RoundSamples> rounds) {
    std::size_t differing = 0;
    for (const RoundSamples& round : rounds) {
        std::vector<double> base = round.base;
        std::vector<double> head = round.head;
        std::sort(base.begin(), base.end());
        std::sort(head.begin(), head.end());
        if (base != head) ++differing;
    }
    return differing;
}

}  // namespace caws::stats
