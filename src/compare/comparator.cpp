#include "compare/comparator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <span>
#include <string>

#include "compare/statistic.hpp"
#include "model/quantity_format.hpp"
#include "stats/bootstrap.hpp"
#include "stats/hodges_lehmann.hpp"
#include "stats/mann_whitney.hpp"
#include "stats/mann_whitney_ties.hpp"
#include "stats/multiple_testing.hpp"
#include "stats/noise.hpp"
#include "stats/power.hpp"
#include "stats/random.hpp"
#include "stats/student_t.hpp"
#include "stats/welch.hpp"
#include "util/hash.hpp"
#include "util/string_map.hpp"

namespace caws::compare {
namespace {

constexpr double k_infinity = std::numeric_limits<double>::infinity();

// Asymptotic relative efficiency of the Mann-Whitney test against the t-test on normal
// data (3 / pi): a rank test needs about pi / 3 times the samples for the same power.
constexpr double k_rank_efficiency = 3 / std::numbers::pi;

// One side of a comparison, prepared once: the samples compared (after dropping outliers
// when asked), their logs when all are positive, and the noise of the original samples.
struct Side {
    std::span<const double> values;
    std::vector<double> kept;  // storage of `values` when outliers were dropped
    std::size_t dropped = 0;
    bool positive = false;  // every value > 0: logs, ratios and intervals are defined
    std::vector<double> logs;
    stats::SampleSummary log_summary;
    std::optional<model::SideNoise> noise;
};

Side prepare(const model::Metric& metric, bool drop_outliers) {
    Side side;
    const std::vector<double>& samples = metric.samples;
    side.values = samples;
    if (!samples.empty()) {
        model::SideNoise noise;
        const double cv = stats::coefficient_of_variation(samples);
        if (std::isfinite(cv)) noise.cv = cv;
        noise.mad = stats::median_absolute_deviation(samples);
        const stats::TukeyFences fences = stats::tukey_fences(samples);
        noise.outliers = stats::count_outliers(samples, fences);
        if (drop_outliers && *noise.outliers > 0) {
            side.kept = stats::without_outliers(samples, fences);
            side.values = side.kept;
            side.dropped = *noise.outliers;
        }
        side.noise = noise;
        side.positive =
            std::all_of(side.values.begin(), side.values.end(), [](double v) { return v > 0; });
        if (side.positive) {
            side.logs.reserve(side.values.size());
            for (const double v : side.values) side.logs.push_back(std::log(v));
            side.log_summary = stats::summarize(side.logs);
        }
    } else if (metric.summary && metric.summary->mean && metric.summary->stddev &&
               *metric.summary->mean != 0) {
        model::SideNoise noise;
        noise.cv = *metric.summary->stddev / std::fabs(*metric.summary->mean);
        side.noise = noise;
    }
    return side;
}

// Oriented ratio: above 1 is worse.
double oriented_ratio(double baseline, double candidate, model::Direction direction) {
    const double numerator = direction == model::Direction::higher ? baseline : candidate;
    const double denominator = direction == model::Direction::higher ? candidate : baseline;
    if (numerator == 0 && denominator == 0) return 1.0;
    if (denominator == 0) return std::numeric_limits<double>::infinity();
    return numerator / denominator;
}

// An interval of candidate / baseline, oriented like the ratio.
model::Interval oriented_interval(double low, double high, model::Direction direction) {
    if (direction == model::Direction::higher) return {1 / high, 1 / low};
    return {low, high};
}

std::string sizes(std::size_t a, std::size_t b) {
    return std::to_string(a) + " vs " + std::to_string(b);
}

// A summary a Welch test can use: mean, standard deviation and n >= 2, from the samples
// (raw values) or from what the tool reported.
std::optional<stats::SampleSummary> welch_summary(const model::Metric& metric, const Side& side) {
    if (!side.values.empty()) {
        if (side.values.size() < 2) return std::nullopt;
        return stats::summarize(side.values);
    }
    if (!metric.summary) return std::nullopt;
    const model::Summary& s = *metric.summary;
    if (!s.mean || !s.stddev || s.n < 2) return std::nullopt;
    return stats::SampleSummary{*s.mean, *s.stddev, s.n};
}

// The metric's identity, hashed: each metric gets its own bootstrap stream whatever the
// other metrics of the run are.
std::uint64_t metric_stream(const model::Metric& metric) {
    return util::fnv1a(metric.measure, util::fnv1a("\x1f", util::fnv1a(metric.name)));
}

double per_metric_alpha(const Options& options, std::size_t family_size) {
    if (options.correction == Correction::none) return options.alpha;
    return options.alpha / static_cast<double>(std::max<std::size_t>(1, family_size));
}

// The smallest equal sample size at which the exact rank test can reach `alpha`.
std::size_t rank_test_minimum_size(double alpha) {
    for (std::size_t n = 2; n < 200; ++n) {
        if (stats::mann_whitney_min_p(n, n) <= alpha) return n;
    }
    return 200;
}

// Why a comparison was not tested.
enum class Untested { no, too_few_samples, no_samples, not_positive };

struct TestChoice {
    SignificanceTest test = SignificanceTest::automatic;  // automatic: untested, see `untested`
    bool from_summaries = false;
    Untested untested = Untested::no;
};

// The test for one comparison; see SignificanceTest::automatic and docs/statistics.md.
TestChoice choose_test(const Options& options, const RunContext& context, const Side& b,
                       const Side& c, bool summaries_usable, std::vector<std::string>& notes) {
    const std::size_t n1 = b.values.size();
    const std::size_t n2 = c.values.size();
    if (n1 == 0 || n2 == 0) {
        if (summaries_usable) return {SignificanceTest::welch, true};
        notes.push_back("no individual samples on both sides: the ratio alone decides");
        return {SignificanceTest::automatic, false, Untested::no_samples};
    }
    const bool logs = b.positive && c.positive;
    const bool has_df = n1 + n2 >= 3;  // a pooled variance needs one degree of freedom
    const bool welch_possible = logs && n1 >= 2 && n2 >= 2;
    const double min_p = stats::mann_whitney_min_p(n1, n2);
    const auto too_few = [&] {
        notes.push_back("too few samples to test (" + sizes(n1, n2) + "): the ratio alone decides");
        return TestChoice{SignificanceTest::automatic, false, Untested::too_few_samples};
    };
    switch (options.test) {
        case SignificanceTest::automatic:
            if (min_p <= per_metric_alpha(options, context.family_size))
                return {SignificanceTest::mann_whitney};
            if (logs && has_df && context.prior != nullptr) return {SignificanceTest::moderated_t};
            if (welch_possible) return {SignificanceTest::welch};
            if (min_p < options.alpha) return {SignificanceTest::mann_whitney};
            break;
        case SignificanceTest::mann_whitney:
        case SignificanceTest::mann_whitney_exact:
            if (min_p >= options.alpha) return too_few();
            return {options.test};
        case SignificanceTest::moderated_t:
            if (logs && has_df && context.prior != nullptr) return {SignificanceTest::moderated_t};
            if (welch_possible) {
                notes.push_back("fewer than " + std::to_string(k_min_metrics_for_prior) +
                                " metrics of this measure to pool the noise: Welch's t-test");
                return {SignificanceTest::welch};
            }
            break;
        case SignificanceTest::welch:
            if (welch_possible) return {SignificanceTest::welch};
            break;
    }
    if (!logs) {
        notes.push_back("values not all positive: no test on log values, the ratio alone decides");
        return {SignificanceTest::automatic, false, Untested::not_positive};
    }
    return too_few();
}

struct TestOutcome {
    double p_value = 1;
    std::string variant;
    std::optional<stats::TTestResult> log_t;  // a t-test on log values, for its interval
};

TestOutcome run_test(const TestChoice& choice, const RunContext& context, const Side& b,
                     const Side& c, const std::optional<stats::SampleSummary>& b_summary,
                     const std::optional<stats::SampleSummary>& c_summary) {
    switch (choice.test) {
        case SignificanceTest::mann_whitney: {
            const stats::MannWhitneyResult r = stats::mann_whitney_u(b.values, c.values);
            return {r.p_value, r.exact ? "exact" : "asymptotic", std::nullopt};
        }
        case SignificanceTest::mann_whitney_exact: {
            const stats::MannWhitneyResult r = stats::mann_whitney_tie_exact(b.values, c.values);
            return {r.p_value, r.exact ? "exact" : "asymptotic", std::nullopt};
        }
        case SignificanceTest::welch: {
            if (choice.from_summaries) {
                const auto r = stats::welch_t_test(*b_summary, *c_summary);
                return {r ? r->p_value : 1.0, "summary", std::nullopt};
            }
            const auto r = stats::welch_t_test(b.log_summary, c.log_summary);
            return {r ? r->p_value : 1.0, "log", r};
        }
        case SignificanceTest::moderated_t: {
            const auto r = stats::moderated_t_test(b.log_summary, c.log_summary, *context.prior);
            return {r ? r->p_value : 1.0, "log", r};
        }
        case SignificanceTest::automatic:
            break;
    }
    return {};
}

// The interval of the t-test on log values, exponentiated: what is left when the sample
// sizes are too small for a distribution-free interval at the requested level.
bool add_t_interval(model::Comparison& c, const std::optional<stats::TTestResult>& t,
                    const Options& options) {
    if (!t || !(t->standard_error > 0) || !std::isfinite(t->standard_error)) return false;
    const double half =
        stats::student_t_quantile(1 - (1 - options.confidence) / 2, t->df) * t->standard_error;
    c.ci = oriented_interval(std::exp(t->difference - half), std::exp(t->difference + half),
                             c.direction);
    c.ci_method = std::string("t");  // not = "t": GCC 12 warns falsely (-Wrestrict)
    return true;
}

void add_interval(model::Comparison& c, const model::Metric& metric, const Side& b, const Side& s,
                  const Options& options, const std::optional<stats::TTestResult>& log_t) {
    if (b.values.empty() || s.values.empty()) return;
    if (!b.positive || !s.positive) {
        c.notes.push_back("values not all positive: no ratio interval");
        return;
    }
    const std::string level = model::format_plain(options.confidence * 100) + "%";
    // With a single value on a side, "too few samples to test" already says it all.
    const bool worth_a_note = b.values.size() >= 2 && s.values.size() >= 2;
    if (options.ci == CiMethod::hodges_lehmann) {
        const stats::ShiftEstimate shift =
            stats::hodges_lehmann(b.logs, s.logs, options.confidence);
        if (!shift.interval) {
            if (add_t_interval(c, log_t, options)) return;
            if (worth_a_note) c.notes.push_back("too few samples for a " + level + " interval");
            return;
        }
        c.ci = oriented_interval(std::exp(shift.interval->low), std::exp(shift.interval->high),
                                 c.direction);
        c.ci_method = "hodges-lehmann";
        return;
    }
    if (!worth_a_note) return;
    stats::BootstrapOptions bootstrap;
    bootstrap.resamples = options.resamples;
    bootstrap.confidence = options.confidence;
    bootstrap.seed = stats::derive_seed(options.seed, metric_stream(metric));
    if (const auto interval = stats::bootstrap_median_ratio(b.values, s.values, bootstrap)) {
        c.ci = oriented_interval(interval->low, interval->high, c.direction);
        c.ci_method = "bootstrap";
    }
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

model::Power power_analysis(const model::Comparison& c, const Options& options,
                            const RunContext& context, const Side& b, const Side& s) {
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

model::Comparison compare_pair(const model::Metric* baseline, const model::Metric* candidate,
                               const Side* b, const Side* s, const Options& options,
                               const RunContext& context) {
    model::Comparison c;
    const model::Metric& any = candidate != nullptr ? *candidate : *baseline;
    c.metric = any.name;
    c.measure = any.measure;
    c.unit = any.unit;
    c.direction = any.direction;
    c.gated = any.direction != model::Direction::unknown;
    if (baseline != nullptr) {
        c.n_baseline = b->values.empty() ? baseline->sample_count() : b->values.size();
    }
    if (candidate != nullptr) {
        c.n_candidate = s->values.empty() ? candidate->sample_count() : s->values.size();
    }

    if (candidate == nullptr) {
        c.change = model::ChangeClass::removed;
        c.statistic = to_string(options.statistic);
        c.baseline = statistic_value(b->values, baseline->summary, options.statistic);
        return c;
    }
    if (candidate->status == model::Status::failed) {
        c.change = model::ChangeClass::failed;
        c.message = candidate->message;
        return c;
    }
    if (candidate->status == model::Status::skipped) {
        c.change = model::ChangeClass::skipped;
        c.message = candidate->message;
        return c;
    }
    // The chosen statistic on both sides; when a side only has a summary without it, the
    // median, then the mean.
    std::vector<Statistic> fallbacks{options.statistic};
    for (const Statistic other : {Statistic::median, Statistic::mean}) {
        if (other != options.statistic) fallbacks.push_back(other);
    }
    const auto note_fallback = [&](Statistic used) {
        // Falling back from the median to the mean is the long-standing rule for summaries
        // and goes without saying; any other fallback is noted.
        if (used != options.statistic && options.statistic != Statistic::median) {
            c.notes.push_back(std::string(to_string(options.statistic)) +
                              " not available on both sides: compared by " +
                              std::string(to_string(used)));
        }
    };
    if (baseline == nullptr || baseline->status != model::Status::ok) {
        for (const Statistic statistic : fallbacks) {
            c.candidate = statistic_value(s->values, candidate->summary, statistic);
            c.statistic = to_string(statistic);
            if (c.candidate) break;
        }
        c.change = model::ChangeClass::added;
        if (baseline != nullptr) {
            c.notes.push_back("the benchmark " + std::string(model::to_string(baseline->status)) +
                              " in the baseline");
        }
        return c;
    }
    if (!model::comparable(baseline->unit, candidate->unit)) {
        c.gated = false;
        c.notes.push_back("units differ (baseline " + baseline->unit.symbol + ", candidate " +
                          candidate->unit.symbol + "): not compared");
        return c;
    }
    for (const Statistic statistic : fallbacks) {
        c.baseline = statistic_value(b->values, baseline->summary, statistic);
        c.candidate = statistic_value(s->values, candidate->summary, statistic);
        c.statistic = to_string(statistic);
        if (c.baseline && c.candidate) {
            note_fallback(statistic);
            break;
        }
    }
    if (!c.baseline || !c.candidate) {
        std::string names;
        for (std::size_t i = 0; i < fallbacks.size(); ++i) {
            if (i > 0) names += i + 1 == fallbacks.size() ? " or " : ", ";
            names += to_string(fallbacks[i]);
        }
        c.notes.push_back("no common statistic (" + names + ") on both sides: not compared");
        return c;
    }
    const double ratio = oriented_ratio(*c.baseline, *c.candidate, c.direction);
    c.ratio = ratio;
    c.noise_baseline = b->noise;
    c.noise_candidate = s->noise;
    if (options.drop_outliers) {
        c.outliers_dropped = true;
        if (b->dropped > 0 || s->dropped > 0) {
            c.notes.push_back("outliers dropped: " + std::to_string(b->dropped) + " baseline, " +
                              std::to_string(s->dropped) + " candidate");
        }
    }

    const auto b_summary = welch_summary(*baseline, *b);
    const auto s_summary = welch_summary(*candidate, *s);
    const TestChoice choice =
        choose_test(options, context, *b, *s, b_summary && s_summary, c.notes);
    const bool tested_or_testable =
        choice.untested == Untested::no || choice.untested == Untested::too_few_samples;
    bool conclusive = true;
    std::optional<stats::TTestResult> log_t;
    if (choice.test != SignificanceTest::automatic) {
        const TestOutcome outcome = run_test(choice, context, *b, *s, b_summary, s_summary);
        log_t = outcome.log_t;
        c.tested = true;
        c.test = to_string(choice.test);
        c.test_variant = outcome.variant;
        c.p_value = outcome.p_value;
        if (c.gated) c.p_adjusted = outcome.p_value;
        c.significant = outcome.p_value < options.alpha;
        conclusive = c.significant;
        if (choice.from_summaries)
            c.notes.push_back("Welch's t-test from summaries (mean, stddev, n)");
    }
    add_interval(c, *candidate, *b, *s, options, log_t);
    if (c.gated) {
        // Only where more repetitions would help: not for summaries without samples or for
        // values a test on logs cannot use.
        if (tested_or_testable) c.power = power_analysis(c, options, context, *b, *s);
        c.change = classify(ratio, conclusive, options.thresholds);
    } else {
        c.notes.push_back("direction unknown: reported, not gated");
    }
    return c;
}

// Whether a pair of metrics will be compared with a statistic (not added, removed,
// failed, skipped or in different units).
bool compared(const model::Metric* baseline, const model::Metric* candidate) {
    return baseline != nullptr && candidate != nullptr && baseline->status == model::Status::ok &&
           candidate->status == model::Status::ok &&
           model::comparable(baseline->unit, candidate->unit);
}

}  // namespace

model::ChangeClass classify(double ratio, bool conclusive, const Thresholds& thresholds) {
    if (!conclusive || std::isnan(ratio)) return model::ChangeClass::unchanged;
    if (ratio >= thresholds.severe) return model::ChangeClass::severe;
    if (ratio >= thresholds.moderate) return model::ChangeClass::moderate;
    if (ratio >= thresholds.minor) return model::ChangeClass::minor;
    if (ratio <= 1.0 / thresholds.minor) return model::ChangeClass::improved;
    return model::ChangeClass::unchanged;
}

model::Comparison compare_metric(const model::Metric* baseline, const model::Metric* candidate,
                                 const Options& options, const RunContext& context) {
    const Side b = baseline != nullptr ? prepare(*baseline, options.drop_outliers) : Side{};
    const Side s = candidate != nullptr ? prepare(*candidate, options.drop_outliers) : Side{};
    return compare_pair(baseline, candidate, &b, &s, options, context);
}

namespace {

// apply_correction with each comparison's own alpha and thresholds (`settings`, parallel to
// `comparisons`) and one correction over the whole family.
void correct_family(std::vector<model::Comparison>& comparisons,
                    const std::vector<const Options*>& settings, Correction correction) {
    std::vector<std::size_t> family;
    std::vector<double> p_values;
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        const model::Comparison& c = comparisons[i];
        if (c.gated && c.tested && c.p_value && c.ratio) {
            family.push_back(i);
            p_values.push_back(*c.p_value);
        }
    }
    std::vector<double> adjusted;
    switch (correction) {
        case Correction::none:
            adjusted = p_values;
            break;
        case Correction::holm:
            adjusted = stats::holm_adjust(p_values);
            break;
        case Correction::bh:
            adjusted = stats::benjamini_hochberg_adjust(p_values);
            break;
    }
    for (std::size_t k = 0; k < family.size(); ++k) {
        model::Comparison& c = comparisons[family[k]];
        const Options& options = *settings[family[k]];
        c.p_adjusted = adjusted[k];
        c.significant = adjusted[k] < options.alpha;
        c.change = classify(*c.ratio, c.significant, options.thresholds);
    }
}

// The options of one metric: its own statistic, thresholds, alpha and test, and the run's
// settings for everything that holds for the whole run.
Options merged(const Options& run, const Options& metric) {
    Options options = run;
    options.statistic = metric.statistic;
    options.thresholds = metric.thresholds;
    options.alpha = metric.alpha;
    options.test = metric.test;
    return options;
}

std::vector<model::Comparison> compare_all(const model::Run& baseline, const model::Run& candidate,
                                           const Options& options, const MetricOptions* per_metric);

}  // namespace

void apply_correction(std::vector<model::Comparison>& comparisons, const Options& options) {
    const std::vector<const Options*> settings(comparisons.size(), &options);
    correct_family(comparisons, settings, options.correction);
}

std::vector<model::Comparison> compare_runs(const model::Run& baseline, const model::Run& candidate,
                                            const Options& options) {
    return compare_all(baseline, candidate, options, nullptr);
}

std::vector<model::Comparison> compare_runs(const model::Run& baseline, const model::Run& candidate,
                                            const Options& run, const MetricOptions& per_metric) {
    return compare_all(baseline, candidate, run, &per_metric);
}

namespace {

std::vector<model::Comparison> compare_all(const model::Run& baseline, const model::Run& candidate,
                                           const Options& options,
                                           const MetricOptions* per_metric) {
    const auto key_of = [](const model::Metric& metric) {
        return metric.name + '\x1f' + metric.measure;
    };
    util::StringMap<const model::Metric*> candidates;
    candidates.reserve(candidate.metrics.size());
    for (const model::Metric& metric : candidate.metrics)
        candidates.emplace(key_of(metric), &metric);

    // Pair the metrics: baseline order, then those only in the candidate.
    std::vector<std::pair<const model::Metric*, const model::Metric*>> pairs;
    pairs.reserve(baseline.metrics.size() + 8);
    util::StringMap<bool> in_baseline;
    in_baseline.reserve(baseline.metrics.size());
    for (const model::Metric& metric : baseline.metrics) {
        std::string key = key_of(metric);
        const auto found = candidates.find(key);
        pairs.emplace_back(&metric, found == candidates.end() ? nullptr : found->second);
        in_baseline.emplace(std::move(key), true);
    }
    for (const model::Metric& metric : candidate.metrics) {
        if (!in_baseline.contains(key_of(metric))) pairs.emplace_back(nullptr, &metric);
    }

    // First pass: prepare each side once; count the gated metrics compared together and
    // collect the log-scale noise of each measure for its prior.
    // Each metric's options; a metric the gate leaves ungated is compared with the run's.
    std::vector<Options> settings(pairs.size(), options);
    std::vector<bool> gated_by_gate(pairs.size(), true);
    if (per_metric != nullptr) {
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const auto [b, s] = pairs[i];
            const std::optional<Options> own = (*per_metric)(s != nullptr ? *s : *b);
            if (own) {
                settings[i] = merged(options, *own);
            } else {
                gated_by_gate[i] = false;
            }
        }
    }

    std::vector<Side> sides(2 * pairs.size());
    std::size_t family_size = 0;
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> noise_by_measure;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto [b, s] = pairs[i];
        if (b != nullptr) sides[2 * i] = prepare(*b, options.drop_outliers);
        if (s != nullptr) sides[2 * i + 1] = prepare(*s, options.drop_outliers);
        if (!compared(b, s) || s->direction == model::Direction::unknown || !gated_by_gate[i]) {
            continue;
        }
        const Side& bs = sides[2 * i];
        const Side& ss = sides[2 * i + 1];
        const bool samples = !bs.values.empty() && !ss.values.empty();
        const bool summaries = welch_summary(*b, bs) && welch_summary(*s, ss);
        if (samples || summaries) ++family_size;
        if (samples && bs.positive && ss.positive) {
            const stats::PooledVariance pooled =
                stats::pooled_variance(bs.log_summary, ss.log_summary);
            if (pooled.df >= 1 && pooled.variance > 0) {
                auto& [variances, dfs] = noise_by_measure[s->measure];
                variances.push_back(pooled.variance);
                dfs.push_back(pooled.df);
            }
        }
    }
    std::map<std::string, stats::NoisePrior> priors;
    for (const auto& [measure, noise] : noise_by_measure) {
        if (noise.first.size() < k_min_metrics_for_prior) continue;
        if (const auto prior = stats::fit_noise_prior(noise.first, noise.second)) {
            priors.emplace(measure, *prior);
        }
    }

    std::vector<model::Comparison> comparisons;
    comparisons.reserve(pairs.size());
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto [b, s] = pairs[i];
        RunContext context;
        context.family_size = family_size;
        if (s != nullptr) {
            const auto prior = priors.find(s->measure);
            if (prior != priors.end()) context.prior = &prior->second;
        }
        model::Comparison c =
            compare_pair(b, s, &sides[2 * i], &sides[2 * i + 1], settings[i], context);
        if (!gated_by_gate[i] && c.gated) {
            // Compared and reported, outside the family and never a regression.
            c.gated = false;
            c.p_adjusted.reset();
            c.significant = false;
            c.power.reset();
            if (b != nullptr && s != nullptr && s->status == model::Status::ok) {
                c.change = model::ChangeClass::unchanged;
            }
            c.notes.push_back("measure not gated by the gate file: reported, not gated");
        }
        comparisons.push_back(std::move(c));
    }
    // Second pass: the correction across the run decides significance and classes.
    std::vector<const Options*> pointers;
    pointers.reserve(settings.size());
    for (const Options& o : settings) pointers.push_back(&o);
    correct_family(comparisons, pointers, options.correction);
    return comparisons;
}

}  // namespace

}  // namespace caws::compare
