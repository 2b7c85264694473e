#include "compare/statistic_test.hpp"

#include <algorithm>
#include <string>

#include "compare/ratio_interval.hpp"
#include "compare/test_choice.hpp"
#include "model/quantity_format.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/random.hpp"

namespace caws::compare {
namespace {

// The interval of candidate / baseline oriented like the ratio, and stretched to the
// oriented ratio itself: inverting the ends for a higher-is-better measure could put the
// inverted ratio an ulp outside.
model::Interval oriented_containing(const stats::Interval& raw, double ratio,
                                    model::Direction direction) {
    model::Interval out{raw.low, raw.high};
    if (direction == model::Direction::higher) out = {1 / raw.high, 1 / raw.low};
    out.low = std::min(out.low, ratio);
    out.high = std::max(out.high, ratio);
    return out;
}

}  // namespace

void set_statistic_interval(model::Comparison& c, const stats::RatioBootstrap& r,
                            const Options& options, std::string_view bca_method,
                            std::string_view percentile_method, std::string_view smoothed_method) {
    c.ci = oriented_containing(r.interval, *c.ratio, c.direction);
    c.ci_method = std::string(r.smoothed ? smoothed_method
                              : r.bca    ? bca_method
                                         : percentile_method);
    if (r.widened) {
        c.notes.push_back("the " + model::format_plain_percent(options.confidence) + " " +
                          c.statistic + " interval was widened to include the ratio");
    }
}

std::optional<stats::SampleStatistic> sample_statistic(Statistic statistic) {
    using Kind = stats::SampleStatistic::Kind;
    switch (statistic) {
        case Statistic::median:
            return std::nullopt;
        case Statistic::mean:
            return stats::SampleStatistic{Kind::mean, 0};
        case Statistic::min:
            return stats::SampleStatistic{Kind::quantile, 0};
        case Statistic::max:
            return stats::SampleStatistic{Kind::quantile, 1};
        case Statistic::p90:
            return stats::SampleStatistic{Kind::quantile, 0.90};
        case Statistic::p95:
            return stats::SampleStatistic{Kind::quantile, 0.95};
        case Statistic::p99:
            return stats::SampleStatistic{Kind::quantile, 0.99};
    }
    return std::nullopt;
}

bool uses_smoothing(Statistic statistic, std::size_t n) {
    const auto s = sample_statistic(statistic);
    if (!s || s->kind == stats::SampleStatistic::Kind::mean) return false;
    // 1 - 0.9 is a little below 0.1: the margin keeps 50 values' p90 at 5 beyond it.
    return static_cast<double>(n) * std::min(s->p, 1 - s->p) < 5 - 1e-9;
}

bool uses_bca(Statistic statistic) {
    return statistic != Statistic::min && statistic != Statistic::max;
}

bool is_extreme(std::string_view statistic) {
    return statistic == "min" || statistic == "max";
}

void drop_extreme_advice(model::Comparison& c) {
    if (!c.power || !is_extreme(c.statistic)) return;
    c.power->repetitions_needed.reset();
    c.power->rounds_needed.reset();
    c.power->samples_per_round_needed.reset();
    if (!c.power->needs_repetitions) return;
    const std::string quantile = c.statistic == "max" ? "p99" : "quantile";
    c.notes.push_back("more samples help a " + c.statistic +
                      "'s test little: it moves with the most extreme values a larger sample "
                      "meets, and its test finds a change of the tail only weakly; gate a " +
                      quantile + " to detect one");
}

bool tests_own_statistic(const model::Comparison& c, const Side& b, const Side& s) {
    const auto statistic = statistic_from_string(c.statistic);
    return statistic && sample_statistic(*statistic) && !b.values.empty() && !s.values.empty();
}

StatisticOutcome test_statistic(model::Comparison& c, const model::Metric& metric, const Side& b,
                                const Side& s, const Options& options, const RunContext& context) {
    StatisticOutcome outcome;
    const std::size_t n1 = b.values.size();
    const std::size_t n2 = s.values.size();
    if (!b.positive || !s.positive) {
        c.notes.emplace_back(k_not_positive_note);
        c.notes.emplace_back(k_no_ratio_interval_note);
        return outcome;
    }
    if (n1 < 2 || n2 < 2) {
        c.notes.push_back(too_few_samples_note(n1, n2));
        outcome.testable = true;
        return outcome;
    }
    const Statistic statistic = *statistic_from_string(c.statistic);
    stats::RatioBootstrapOptions bootstrap;
    bootstrap.resamples = options.resamples;
    bootstrap.confidence = options.confidence;
    bootstrap.seed = stats::derive_seed(options.seed, metric_stream(metric));
    bootstrap.smoothed = uses_smoothing(statistic, std::min(n1, n2));
    const auto r = stats::bootstrap_statistic_ratio(b.values, s.values,
                                                    *sample_statistic(statistic), bootstrap);
    if (!r) return outcome;
    set_statistic_interval(c, *r, options, k_bca_ci_method, k_percentile_ci_method);
    outcome.testable = true;
    outcome.log_standard_error = r->log_standard_error;
    // The permutation test can reach alpha only where the splits of the samples are many
    // enough: the same bound as the exact rank test's.
    if (stats::mann_whitney_min_p(n1, n2) >= options.alpha) {
        c.notes.push_back(too_few_samples_note(n1, n2));
        return outcome;
    }
    c.tested = true;
    c.test = std::string(k_permutation_test);
    c.test_variant = "monte-carlo";
    c.p_value = r->p_value;
    if (c.gated) c.p_adjusted = r->p_value;
    c.significant = r->p_value < options.alpha;
    outcome.conclusive = c.significant;
    if (1.0 / static_cast<double>(options.resamples + 1) >=
        per_metric_alpha(options, context.family_size)) {
        c.notes.push_back(std::to_string(options.resamples) +
                          " permutations cannot give a p-value below the corrected alpha");
    }
    return outcome;
}

}  // namespace caws::compare
