#include "compare/comparator.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <exception>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>

#include "compare/between_run.hpp"
#include "compare/gated_measures.hpp"
#include "compare/level_shift.hpp"
#include "compare/power_analysis.hpp"
#include "compare/ratio_interval.hpp"
#include "compare/side.hpp"
#include "compare/statistic.hpp"
#include "compare/statistic_test.hpp"
#include "compare/test_choice.hpp"
#include "stats/moderated_t.hpp"
#include "stats/multiple_testing.hpp"
#include "util/parallel.hpp"

namespace caws::compare {
namespace {

// Oriented ratio: above 1 is worse.
double oriented_ratio(double baseline, double candidate, model::Direction direction) {
    const double numerator = direction == model::Direction::higher ? baseline : candidate;
    const double denominator = direction == model::Direction::higher ? candidate : baseline;
    if (numerator == 0 && denominator == 0) return 1.0;
    if (denominator == 0) return std::numeric_limits<double>::infinity();
    return numerator / denominator;
}

// The comparison's identity (from the candidate when there is one) and sample sizes.
model::Comparison identify(const model::Metric* baseline, const model::Metric* candidate,
                           const Side& b, const Side& s) {
    model::Comparison c;
    const model::Metric& any = candidate != nullptr ? *candidate : *baseline;
    c.metric = any.name;
    c.measure = any.measure;
    c.unit = any.unit;
    c.direction = any.direction;
    c.gated = any.direction != model::Direction::unknown;
    if (baseline != nullptr) {
        c.n_baseline = b.values.empty() ? baseline->sample_count() : b.values.size();
    }
    if (candidate != nullptr) {
        c.n_candidate = s.values.empty() ? candidate->sample_count() : s.values.size();
    }
    return c;
}

// The statistics tried in turn: the chosen one, then the median, then the mean (a side
// may only have a summary without the chosen statistic).
std::vector<Statistic> statistic_fallbacks(Statistic chosen) {
    std::vector<Statistic> fallbacks{chosen};
    for (const Statistic other : {Statistic::median, Statistic::mean}) {
        if (other != chosen) fallbacks.push_back(other);
    }
    return fallbacks;
}

// Sets the first statistic of `fallbacks` that both sides have; false, with a note, when
// they have none in common.
bool pick_statistic(model::Comparison& c, const model::Metric& baseline,
                    const model::Metric& candidate, const Side& b, const Side& s,
                    const std::vector<Statistic>& fallbacks) {
    const Statistic chosen = fallbacks.front();
    for (const Statistic statistic : fallbacks) {
        c.baseline = statistic_value(b.values, baseline.summary, statistic);
        c.candidate = statistic_value(s.values, candidate.summary, statistic);
        c.statistic = to_string(statistic);
        if (!c.baseline || !c.candidate) continue;
        // Falling back from the median to the mean is the long-standing rule for summaries
        // and goes without saying; any other fallback is noted.
        if (statistic != chosen && chosen != Statistic::median) {
            c.notes.push_back(std::string(to_string(chosen)) +
                              " not available on both sides: compared by " +
                              std::string(to_string(statistic)));
        }
        return true;
    }
    std::string names;
    for (std::size_t i = 0; i < fallbacks.size(); ++i) {
        if (i > 0) names += i + 1 == fallbacks.size() ? " or " : ", ";
        names += to_string(fallbacks[i]);
    }
    c.notes.push_back("no common statistic (" + names + ") on both sides: not compared");
    return false;
}

// How the test of a comparison went: whether the class may follow the ratio (the test was
// significant, or could not be run), and whether the power analysis applies (tested, or
// too few samples to test).
struct Tested {
    bool conclusive = true;
    bool testable = false;
    std::optional<double> log_standard_error;  // of a statistic's own bootstrap
};

// The location test of the samples (or the summaries) and the ratio interval: the
// median's methods.
Tested test_location(model::Comparison& c, const model::Metric& baseline,
                     const model::Metric& candidate, const Side& b, const Side& s,
                     const Options& options, const RunContext& context) {
    const auto b_summary = welch_summary(baseline, b);
    const auto s_summary = welch_summary(candidate, s);
    const TestChoice choice = choose_test(options, context, b, s, b_summary && s_summary, c.notes);
    Tested tested;
    tested.testable =
        choice.untested == Untested::no || choice.untested == Untested::too_few_samples;
    std::optional<stats::TTestResult> log_t;
    if (choice.test != SignificanceTest::automatic) {
        const TestOutcome outcome = run_test(choice, context, b, s, b_summary, s_summary);
        log_t = outcome.log_t;
        c.tested = true;
        c.test = to_string(choice.test);
        c.test_variant = outcome.variant;
        c.p_value = outcome.p_value;
        if (c.gated) c.p_adjusted = outcome.p_value;
        c.significant = outcome.p_value < options.alpha;
        tested.conclusive = c.significant;
        if (choice.from_summaries)
            c.notes.push_back("Welch's t-test from summaries (mean, stddev, n)");
    }
    add_interval(c, candidate, b, s, options, log_t);
    return tested;
}

// The ratio of the picked statistic, the noise, the test, the interval, the power and
// the class of a comparison of two ok metrics in comparable units.
void measure_change(model::Comparison& c, const model::Metric& baseline,
                    const model::Metric& candidate, const Side& b, const Side& s,
                    const Options& options, const RunContext& context) {
    const double ratio = oriented_ratio(*c.baseline, *c.candidate, c.direction);
    c.ratio = ratio;
    c.noise_baseline = b.noise;
    c.noise_candidate = s.noise;
    if (options.drop_outliers) {
        c.outliers_dropped = true;
        if (b.dropped > 0 || s.dropped > 0) {
            c.notes.push_back("outliers dropped: " + std::to_string(b.dropped) + " baseline, " +
                              std::to_string(s.dropped) + " candidate");
        }
    }
    Tested tested;
    if (tests_own_statistic(c, b, s)) {
        const StatisticOutcome outcome = test_statistic(c, candidate, b, s, options, context);
        tested = {outcome.conclusive, outcome.testable, outcome.log_standard_error};
    } else {
        tested = test_location(c, baseline, candidate, b, s, options, context);
    }
    if (c.gated) {
        // Only where more repetitions would help: not for summaries without samples or for
        // values a test on logs cannot use.
        if (tested.testable) {
            c.power = power_analysis(c, options, context, b, s, tested.log_standard_error);
            drop_extreme_advice(c);
        }
        c.change = classify(ratio, tested.conclusive, options.thresholds);
    } else {
        c.notes.push_back("direction unknown: reported, not gated");
    }
}

model::Comparison compare_pair(const model::Metric* baseline, const model::Metric* candidate,
                               const Side* b, const Side* s, const Options& options,
                               const RunContext& context) {
    model::Comparison c = identify(baseline, candidate, *b, *s);
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
    const std::vector<Statistic> fallbacks = statistic_fallbacks(options.statistic);
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
    if (pick_statistic(c, *baseline, *candidate, *b, *s, fallbacks)) {
        measure_change(c, *baseline, *candidate, *b, *s, options, context);
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

// Metrics compared by one thread at a time: enough to amortise handing out the work.
constexpr std::size_t k_metrics_per_task = 512;

// Calls `work(i)` for every i in [0, n), in tasks of k_metrics_per_task metrics spread over
// the cores. Each metric's comparison depends only on its own inputs (the statistics keep
// their caches per thread), so the results are the same as one after the other; the
// exception of the lowest failing metric is rethrown, as a loop in order would.
template <typename Work>
void for_each_in_parallel(std::size_t n, const Work& work) {
    const std::size_t tasks = (n + k_metrics_per_task - 1) / k_metrics_per_task;
    std::vector<std::exception_ptr> failures(tasks);
    util::parallel_for(tasks, 0, [&](std::size_t task) {
        try {
            const std::size_t end = std::min(n, (task + 1) * k_metrics_per_task);
            for (std::size_t i = task * k_metrics_per_task; i < end; ++i) work(i);
        } catch (...) {
            failures[task] = std::current_exception();
        }
    });
    for (const std::exception_ptr& failure : failures) {
        if (failure) std::rethrow_exception(failure);
    }
}

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
    // Pair the metrics: baseline order, then those only in the candidate. A key repeated in
    // the candidate pairs with its first metric.
    std::unordered_map<MetricKey, std::size_t, MetricKeyHash> candidates;
    candidates.reserve(candidate.metrics.size());
    for (std::size_t j = 0; j < candidate.metrics.size(); ++j) {
        candidates.emplace(MetricKey(candidate.metrics[j]), j);
    }
    std::vector<std::pair<const model::Metric*, const model::Metric*>> pairs;
    pairs.reserve(baseline.metrics.size() + 8);
    // Whether the baseline has the key of the candidate's metric j (marked at the first
    // metric of each key).
    std::vector<char> in_baseline(candidate.metrics.size(), 0);
    for (const model::Metric& metric : baseline.metrics) {
        const auto found = candidates.find(MetricKey(metric));
        if (found == candidates.end()) {
            pairs.emplace_back(&metric, nullptr);
        } else {
            pairs.emplace_back(&metric, &candidate.metrics[found->second]);
            in_baseline[found->second] = 1;
        }
    }
    for (const model::Metric& metric : candidate.metrics) {
        if (!in_baseline[candidates.find(MetricKey(metric))->second]) {
            pairs.emplace_back(nullptr, &metric);
        }
    }

    // Each metric's options and whether it is gated; a metric left ungated (by the gate
    // file, or as a measure derived from its benchmark's time) is compared with the run's.
    // `settings` points at the run's options or at the metric's own, kept in `own`.
    const DefaultMeasures defaults(baseline, candidate);
    std::vector<Gating> gating;
    gating.reserve(pairs.size());
    std::deque<Options> own;
    std::vector<const Options*> settings(pairs.size(), &options);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto [b, s] = pairs[i];
        gating.push_back(gating_of(s != nullptr ? *s : *b, per_metric, defaults));
        if (gating.back().gated && gating.back().own) {
            settings[i] = &own.emplace_back(merged(options, *gating.back().own));
        }
    }

    // First pass: prepare each side once (on every core: each side depends on its metric
    // alone); count the gated metrics compared together and collect the log-scale noise of
    // each measure for its prior.
    std::vector<Side> sides(2 * pairs.size());
    for_each_in_parallel(pairs.size(), [&](std::size_t i) {
        const auto [b, s] = pairs[i];
        if (b != nullptr) sides[2 * i] = prepare(*b, options.drop_outliers);
        if (s != nullptr) sides[2 * i + 1] = prepare(*s, options.drop_outliers);
    });
    std::size_t family_size = 0;
    std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> noise_by_measure;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto [b, s] = pairs[i];
        if (!compared(b, s) || s->direction == model::Direction::unknown || !gating[i].gated) {
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

    std::vector<model::Comparison> comparisons(pairs.size());
    for_each_in_parallel(pairs.size(), [&](std::size_t i) {
        const auto [b, s] = pairs[i];
        RunContext context;
        context.family_size = family_size;
        if (s != nullptr) {
            const auto prior = priors.find(s->measure);
            if (prior != priors.end()) context.prior = &prior->second;
        }
        model::Comparison c =
            compare_pair(b, s, &sides[2 * i], &sides[2 * i + 1], *settings[i], context);
        if (!gating[i].gated && c.gated) {
            // Compared and reported, outside the family and never a regression.
            c.gated = false;
            c.p_adjusted.reset();
            c.significant = false;
            c.power.reset();
            if (b != nullptr && s != nullptr && s->status == model::Status::ok) {
                c.change = model::ChangeClass::unchanged;
            }
            c.notes.push_back(gating[i].not_gated);
        }
        comparisons[i] = std::move(c);
    });
    // Second pass: the correction across the run decides significance and classes.
    correct_family(comparisons, settings, options.correction);
    // Third pass: a change inside the runner's between-run noise is no change.
    if (options.between_run != nullptr) {
        apply_between_run_noise(comparisons, pairs, settings, *options.between_run);
    }
    // Last: a change whose run moved level while it ran is marked (the gate warns on it).
    find_level_shifts(comparisons, pairs, settings, options.baseline_in_run_order);
    return comparisons;
}

}  // namespace

}  // namespace caws::compare
