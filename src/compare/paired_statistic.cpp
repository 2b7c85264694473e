#include "compare/paired_statistic.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "compare/paired_power.hpp"
#include "compare/ratio_interval.hpp"
#include "compare/statistic_test.hpp"
#include "compare/test_choice.hpp"
#include "model/quantity_format.hpp"
#include "stats/random.hpp"
#include "stats/wilcoxon.hpp"

namespace caws::compare {
namespace {

bool all_positive(std::span<const stats::RoundSamples> rounds) {
    const auto positive = [](const std::vector<double>& values) {
        return std::all_of(values.begin(), values.end(),
                           [](double v) { return v > 0 && std::isfinite(v); });
    };
    return std::all_of(rounds.begin(), rounds.end(), [&](const stats::RoundSamples& round) {
        return positive(round.base) && positive(round.head);
    });
}

// The oriented ratio of two values of the statistic: above 1 is worse.
double oriented_statistic_ratio(double baseline, double candidate, model::Direction direction) {
    if (baseline == candidate) return 1.0;
    return direction == model::Direction::higher ? baseline / candidate : candidate / baseline;
}

// The sign-flip test of the bootstrap `r`; returns whether it was significant, or true
// when the rounds are too few for it to reach alpha (the ratio alone decides).
bool apply_sign_flip(model::Comparison& c, const stats::RatioBootstrap& r,
                     std::span<const stats::RoundSamples> rounds, const Options& options) {
    const std::size_t differing = stats::differing_rounds(rounds);
    if (stats::wilcoxon_min_p(differing) >= options.alpha) {
        c.notes.push_back(too_few_rounds_note(differing, options.alpha, "the sign-flip test"));
        return true;
    }
    c.tested = true;
    c.test = std::string(k_sign_flip_test);
    c.test_variant = "monte-carlo";
    c.p_value = r.p_value;
    if (c.gated) c.p_adjusted = r.p_value;
    c.significant = r.p_value < options.alpha;
    return c.significant;
}

}  // namespace

PooledCounts pooled_counts(std::span<const stats::RoundSamples> rounds) {
    PooledCounts out;
    for (const stats::RoundSamples& round : rounds) {
        out.base += round.base.size();
        out.head += round.head.size();
    }
    return out;
}

bool uses_paired_smoothing(Statistic statistic, std::size_t pooled) {
    return statistic == Statistic::min || statistic == Statistic::max ||
           uses_smoothing(statistic, pooled);
}

bool smooths_paired_interval(Statistic statistic, std::size_t pooled, std::size_t per_round) {
    return uses_paired_smoothing(statistic, pooled) || uses_smoothing(statistic, per_round);
}

std::string too_few_rounds_note(std::size_t differing, double alpha, std::string_view test) {
    return "too few differing rounds to test (" + std::to_string(differing) + "; " +
           std::string(test) + " needs " + std::to_string(stats::wilcoxon_min_pairs(alpha)) +
           " to reach alpha " + model::format_plain(alpha) + "): the ratio alone decides";
}

double pooled_statistic(std::span<const stats::RoundSamples> rounds, bool head,
                        const stats::SampleStatistic& statistic) {
    std::vector<double> pooled;
    for (const stats::RoundSamples& round : rounds) {
        const std::vector<double>& side = head ? round.head : round.base;
        pooled.insert(pooled.end(), side.begin(), side.end());
    }
    return stats::evaluate_in_place(pooled, statistic);
}

bool apply_paired_statistic(model::Comparison& c, Statistic statistic,
                            std::span<const stats::RoundSamples> rounds,
                            const model::Metric& metric, const Options& options) {
    const stats::SampleStatistic sample = *sample_statistic(statistic);
    c.statistic = std::string(to_string(statistic));
    c.baseline = pooled_statistic(rounds, false, sample);
    c.candidate = pooled_statistic(rounds, true, sample);
    c.ratio = oriented_statistic_ratio(*c.baseline, *c.candidate, c.direction);
    if (!all_positive(rounds)) {
        c.notes.emplace_back(k_not_positive_note);
        c.notes.emplace_back(k_no_ratio_interval_note);
        return true;
    }
    stats::RatioBootstrapOptions bootstrap;
    bootstrap.resamples = options.resamples;
    bootstrap.confidence = options.confidence;
    bootstrap.seed = stats::derive_seed(options.seed, metric_stream(metric));
    bootstrap.bca = uses_bca(statistic);
    const PooledCounts counts = pooled_counts(rounds);
    const std::size_t pooled = std::min(counts.base, counts.head);  // the smaller side's
    const std::size_t per_round = rounds.empty() ? 0 : pooled / rounds.size();
    bootstrap.smoothed = smooths_paired_interval(statistic, pooled, per_round);
    const auto r = stats::bootstrap_paired_statistic_ratio(rounds, sample, bootstrap);
    if (!r) {
        c.notes.push_back("too few rounds for a " +
                          model::format_plain_percent(options.confidence) + " " + c.statistic +
                          " interval or a test: the ratio alone decides");
        return true;
    }
    set_statistic_interval(c, *r, options, k_paired_bca_ci_method, k_paired_percentile_ci_method,
                           k_paired_smoothed_ci_method);
    // A quantile with few pooled samples beyond it: the rounds resampled hold only the
    // largest values seen, and their spread is compressed (its rounds advice, 32 for the
    // p99 of 10 rounds of 20, reached 74% power instead of 80%); at least the normal-theory
    // noise of the pooled quantile then, as check does for a sparse quantile.
    c.power = paired_noise(std::max(bootstrap_round_noise(r->log_standard_error, rounds.size()),
                                    sparse_round_quantile_noise(statistic, rounds)),
                           rounds);
    return apply_sign_flip(c, *r, rounds, options);
}

}  // namespace caws::compare
