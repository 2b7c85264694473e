#include "compare/paired.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "compare/gated_measures.hpp"
#include "compare/paired_power.hpp"
#include "compare/paired_statistic.hpp"
#include "compare/statistic_test.hpp"
#include "compare/test_choice.hpp"
#include "model/quantity_format.hpp"
#include "stats/descriptive.hpp"
#include "stats/noise.hpp"
#include "stats/paired_comparison.hpp"
#include "util/string_map.hpp"

namespace caws::compare {
namespace {

std::string key_of(const model::Metric& metric) {
    return metric.name + '\x1f' + metric.measure;
}

// One side's rounds merged (merge_rounds), with the round (from 0) of every sample.
struct MergedSide {
    model::Run run;
    std::vector<std::vector<std::size_t>> rounds;  // parallel to run.metrics
    // Parallel to `rounds`: each round's samples, or its value alone when it has none.
    std::vector<std::vector<std::vector<double>>> samples;
};

// Folds one round's measurement of a metric into its merged form.
void add_round(model::Metric& merged, std::vector<std::size_t>& rounds,
               std::vector<std::vector<double>>& samples, const model::Metric& metric,
               std::size_t round) {
    switch (metric.status) {
        case model::Status::failed:
            if (merged.status != model::Status::failed) {
                merged.status = model::Status::failed;
                merged.message = "round " + std::to_string(round + 1) + ": " + metric.message;
            }
            return;
        case model::Status::skipped:
            return;
        case model::Status::ok:
            break;
    }
    if (merged.status == model::Status::skipped) {
        merged.status = model::Status::ok;
        merged.message.clear();
    }
    if (const std::optional<double> value = round_value(metric)) {
        merged.samples.push_back(*value);
        rounds.push_back(round);
        samples.push_back(metric.samples.empty() ? std::vector<double>{*value} : metric.samples);
    }
}

MergedSide merge_side(std::span<const model::Run> rounds) {
    MergedSide side;
    util::StringMap<std::size_t> index;
    for (std::size_t r = 0; r < rounds.size(); ++r) {
        const model::Run& run = rounds[r];
        if (r == 0) side.run.context = run.context;
        side.run.sources.insert(side.run.sources.end(), run.sources.begin(), run.sources.end());
        for (const std::string& note : run.notes) {
            auto& notes = side.run.notes;
            if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(note);
        }
        for (const model::Metric& metric : run.metrics) {
            const auto [found, inserted] =
                index.try_emplace(key_of(metric), side.run.metrics.size());
            if (inserted) {
                // Skipped until a round measures it: a benchmark skipped in every round
                // stays skipped, with the first round's reason.
                model::Metric merged = metric;
                merged.samples.clear();
                merged.timestamps.clear();
                merged.summary.reset();
                merged.status = model::Status::skipped;
                side.run.metrics.push_back(std::move(merged));
                side.rounds.emplace_back();
                side.samples.emplace_back();
            }
            const std::size_t i = found->second;
            add_round(side.run.metrics[i], side.rounds[i], side.samples[i], metric, r);
        }
    }
    return side;
}

std::optional<double> median_of(const std::vector<double>& values) {
    if (values.empty()) return std::nullopt;
    return stats::median(values);
}

// One side of a pair of merged metrics; `metric` is null when the side lacks it.
struct Entry {
    const model::Metric* metric = nullptr;
    const std::vector<std::size_t>* rounds = nullptr;
    const std::vector<std::vector<double>>* samples = nullptr;  // MergedSide::samples
};

// The positions in each side of the rounds in which both sides have a value, in round
// order.
std::vector<std::pair<std::size_t, std::size_t>> paired_positions(const Entry& b, const Entry& h) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < b.rounds->size() && j < h.rounds->size()) {
        const std::size_t rb = (*b.rounds)[i];
        const std::size_t rh = (*h.rounds)[j];
        if (rb == rh) out.emplace_back(i, j);
        if (rb <= rh) ++i;
        if (rh <= rb) ++j;
    }
    return out;
}

// The values of the rounds in which both sides have one, in round order.
std::pair<std::vector<double>, std::vector<double>> paired_values(const Entry& b, const Entry& h) {
    std::pair<std::vector<double>, std::vector<double>> out;
    for (const auto& [i, j] : paired_positions(b, h)) {
        out.first.push_back(b.metric->samples[i]);
        out.second.push_back(h.metric->samples[j]);
    }
    return out;
}

// The samples of the same rounds.
std::vector<stats::RoundSamples> paired_samples(const Entry& b, const Entry& h) {
    std::vector<stats::RoundSamples> out;
    for (const auto& [i, j] : paired_positions(b, h)) {
        out.push_back({(*b.samples)[i], (*h.samples)[j]});
    }
    return out;
}

// The statistic of one side on its own (a metric added or removed): the median of its
// round values, or another statistic of its samples pooled over its rounds.
std::optional<double> side_statistic(const Entry& e, Statistic statistic) {
    const auto sample = sample_statistic(statistic);
    if (!sample) return median_of(e.metric->samples);
    if (e.samples->empty()) return std::nullopt;
    std::vector<stats::RoundSamples> rounds;
    for (const std::vector<double>& samples : *e.samples) rounds.push_back({samples, {}});
    return pooled_statistic(rounds, false, *sample);
}

// The spread of a side's round values: what drifts between rounds shows here, and cancels
// in the pairs.
std::optional<model::SideNoise> round_noise(const std::vector<double>& values) {
    if (values.empty()) return std::nullopt;
    model::SideNoise noise;
    const double cv = stats::coefficient_of_variation(values);
    if (std::isfinite(cv)) noise.cv = cv;
    noise.mad = stats::median_absolute_deviation(values);
    noise.outliers = stats::count_outliers(values, stats::tukey_fences(values));
    return noise;
}

// A ratio of candidate to baseline (or of log ratios, exponentiated), oriented so that
// above 1 is worse.
double oriented(double candidate_over_baseline, model::Direction direction) {
    return direction == model::Direction::higher ? 1 / candidate_over_baseline
                                                 : candidate_over_baseline;
}

// The oriented ratio of two side medians, for values the log ratios cannot use.
double median_ratio(double baseline, double candidate, model::Direction direction) {
    if (baseline == 0 && candidate == 0) return 1.0;
    const double numerator = direction == model::Direction::higher ? baseline : candidate;
    const double denominator = direction == model::Direction::higher ? candidate : baseline;
    if (denominator == 0) return std::numeric_limits<double>::infinity();
    return numerator / denominator;
}

std::string rounds_text(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " round" : " rounds");
}

// The ratio, interval and test of a metric measured on both sides, from its pairs.
// Returns whether the class may follow the ratio: the test was significant, or could not
// be run.
bool apply_paired(model::Comparison& c, const stats::PairedComparison& p, const Options& options) {
    using Caveat = stats::PairedCaveat;
    if (p.has(Caveat::invalid_values)) {
        c.ratio = median_ratio(*c.baseline, *c.candidate, c.direction);
        c.notes.push_back(
            "values not all positive: no test on log ratios, the ratio alone decides");
        return true;
    }
    c.ratio = oriented(std::exp(p.median), c.direction);
    if (p.shift.interval) {
        const double low = std::exp(p.shift.interval->low);
        const double high = std::exp(p.shift.interval->high);
        c.ci = c.direction == model::Direction::higher ? model::Interval{1 / high, 1 / low}
                                                       : model::Interval{low, high};
        c.ci_method = std::string(k_paired_ci_method);
    } else {
        c.notes.push_back("too few rounds for a " + model::format_plain(options.confidence * 100) +
                          "% interval");
    }
    if (p.has(Caveat::median_outside_interval)) {
        c.notes.push_back(
            "the median round ratio lies outside the interval: the change is not a plain shift "
            "(one side may be bimodal)");
    }
    if (p.has(Caveat::all_zero)) {
        c.notes.push_back("both sides measured the same in every round: the ratio alone decides");
        return true;
    }
    if (p.has(Caveat::too_few_pairs)) {
        c.notes.push_back(too_few_rounds_note(p.n - p.test.zeros, options.alpha, "the exact test"));
        return true;
    }
    c.tested = true;
    c.test = std::string(k_paired_test);
    c.test_variant = p.test.exact ? "exact" : "asymptotic";
    c.p_value = p.test.p_value;
    if (c.gated) c.p_adjusted = p.test.p_value;
    c.significant = p.test.p_value < options.alpha;
    if (p.has(Caveat::small_approximation)) {
        c.notes.push_back("normal approximation on fewer than 10 differing rounds");
    }
    return c.significant;
}

// A metric on one side only, or failed or skipped in the head, or failed in the base:
// classified as compare_runs does. Returns false when both sides are to be compared.
bool apply_one_sided(model::Comparison& c, const Entry& b, const Entry& h, Statistic statistic) {
    if (h.metric == nullptr) {
        c.change = model::ChangeClass::removed;
        c.baseline = side_statistic(b, statistic);
        return true;
    }
    if (h.metric->status != model::Status::ok) {
        c.change = h.metric->status == model::Status::failed ? model::ChangeClass::failed
                                                             : model::ChangeClass::skipped;
        c.message = h.metric->message;
        return true;
    }
    if (b.metric == nullptr || b.metric->status != model::Status::ok) {
        c.change = model::ChangeClass::added;
        c.candidate = side_statistic(h, statistic);
        if (b.metric != nullptr) {
            c.notes.push_back("the benchmark " + std::string(model::to_string(b.metric->status)) +
                              " in the base");
        }
        return true;
    }
    return false;
}

// The ratio, interval and test of a metric both sides measured in comparable units, from
// the rounds in which both did: the median's methods on the round values, or those of
// another statistic on the rounds' samples. Returns whether the class may follow the ratio.
bool compare_rounds_of(model::Comparison& c, const Entry& b, const Entry& h,
                       const Options& options) {
    if (sample_statistic(options.statistic)) {
        return apply_paired_statistic(c, options.statistic, paired_samples(b, h), *h.metric,
                                      options);
    }
    const auto [base_values, head_values] = paired_values(b, h);
    stats::PairedOptions paired;
    paired.confidence = options.confidence;
    paired.alpha = options.alpha;
    if (const auto noise = round_values_noise(base_values, head_values)) {
        c.power = paired_noise(*noise, {});
    }
    return apply_paired(c, stats::compare_paired(base_values, head_values, paired), options);
}

// One metric's comparison before the correction. `rounds` is the number of rounds run;
// `gating` says whether the gate file or the default measures gate it.
model::Comparison compare_entries(const Entry& b, const Entry& h, const Options& options,
                                  const Gating& gating, std::size_t rounds) {
    model::Comparison c;
    const model::Metric& any = h.metric != nullptr ? *h.metric : *b.metric;
    c.metric = any.name;
    c.measure = any.measure;
    c.unit = any.unit;
    c.direction = any.direction;
    c.gated = any.direction != model::Direction::unknown && gating.gated;
    c.statistic = std::string(to_string(options.statistic));
    if (b.metric != nullptr) c.n_baseline = b.metric->samples.size();
    if (h.metric != nullptr) c.n_candidate = h.metric->samples.size();
    if (apply_one_sided(c, b, h, options.statistic)) return c;
    if (!model::comparable(b.metric->unit, h.metric->unit)) {
        c.gated = false;
        c.notes.push_back("units differ (base " + b.metric->unit.symbol + ", head " +
                          h.metric->unit.symbol + "): not compared");
        return c;
    }
    c.baseline = median_of(b.metric->samples);
    c.candidate = median_of(h.metric->samples);
    c.noise_baseline = round_noise(b.metric->samples);
    c.noise_candidate = round_noise(h.metric->samples);
    const std::size_t pairs = paired_positions(b, h).size();
    c.n_baseline = c.n_candidate = pairs;
    if (pairs == 0) {
        c.notes.push_back("no round measured it on both sides: not compared");
        return c;
    }
    if (pairs < rounds) {
        c.notes.push_back("measured on both sides in " + std::to_string(pairs) + " of " +
                          rounds_text(rounds));
    }
    const bool conclusive = compare_rounds_of(c, b, h, options);
    if (c.gated) {
        c.change = classify(*c.ratio, conclusive, options.thresholds);
    } else {
        c.p_adjusted.reset();
        c.significant = false;
        c.notes.push_back(any.direction == model::Direction::unknown
                              ? "direction unknown: reported, not gated"
                              : gating.not_gated);
    }
    return c;
}

// Each comparison's own alpha and thresholds applied to the p-values that the correction
// adjusted together (apply_correction used the run's).
void correct(std::vector<model::Comparison>& comparisons, const std::vector<Options>& settings,
             const Options& run) {
    apply_correction(comparisons, run);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        model::Comparison& c = comparisons[i];
        if (!c.gated || !c.tested || !c.p_adjusted || !c.ratio) continue;
        c.significant = *c.p_adjusted < settings[i].alpha;
        c.change = classify(*c.ratio, c.significant, settings[i].thresholds);
    }
}

// The gated metrics compared (with a ratio): the family of the correction.
std::size_t compared_family(const std::vector<model::Comparison>& comparisons) {
    return static_cast<std::size_t>(
        std::count_if(comparisons.begin(), comparisons.end(),
                      [](const model::Comparison& c) { return c.gated && c.ratio; }));
}

// The power analysis of each gated metric at the level its test must reach.
void add_power(std::vector<model::Comparison>& comparisons, const std::vector<Options>& settings) {
    const std::size_t family = compared_family(comparisons);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        model::Comparison& c = comparisons[i];
        if (!c.gated) {
            c.power.reset();
            continue;
        }
        finish_paired_power(c, settings[i], family);
        drop_extreme_advice(c);
    }
}

// The note of a sign-flip test whose smallest p-value, 1 / (permutations + 1), cannot reach
// the level the correction asks of the most significant of the gated compared metrics.
void note_permutation_floor(std::vector<model::Comparison>& comparisons,
                            const std::vector<Options>& settings) {
    const std::size_t family = compared_family(comparisons);
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
        model::Comparison& c = comparisons[i];
        if (!c.gated || c.test != k_sign_flip_test) continue;
        const std::size_t permutations = settings[i].resamples;
        if (1.0 / static_cast<double>(permutations + 1) >= per_metric_alpha(settings[i], family)) {
            c.notes.push_back(std::to_string(permutations) +
                              " permutations cannot give a p-value below the corrected alpha");
        }
    }
}

// The options of a metric: the run's, with the gate file's statistic, thresholds and alpha
// for it.
Options options_of(const Gating& gating, const Options& run) {
    if (!gating.own) return run;
    Options merged = run;
    merged.statistic = gating.own->statistic;
    merged.thresholds = gating.own->thresholds;
    merged.alpha = gating.own->alpha;
    return merged;
}

}  // namespace

std::optional<double> round_value(const model::Metric& metric) {
    if (metric.status != model::Status::ok) return std::nullopt;
    if (!metric.samples.empty()) return stats::median(metric.samples);
    if (!metric.summary) return std::nullopt;
    if (metric.summary->median) return metric.summary->median;
    return metric.summary->mean;
}

model::Run merge_rounds(std::span<const model::Run> rounds) {
    return merge_side(rounds).run;
}

std::vector<model::Comparison> compare_rounds(std::span<const model::Run> base,
                                              std::span<const model::Run> head, const Options& run,
                                              const MetricOptions& per_metric) {
    const MergedSide b = merge_side(base);
    const MergedSide h = merge_side(head);
    const auto entry = [](const MergedSide& side, std::size_t i) {
        return Entry{&side.run.metrics[i], &side.rounds[i], &side.samples[i]};
    };
    util::StringMap<std::size_t> in_head;
    for (std::size_t i = 0; i < h.run.metrics.size(); ++i)
        in_head.emplace(key_of(h.run.metrics[i]), i);

    // Base order, then the metrics only in the head.
    std::vector<std::pair<Entry, Entry>> pairs;
    util::StringMap<bool> in_base;
    for (std::size_t i = 0; i < b.run.metrics.size(); ++i) {
        std::string key = key_of(b.run.metrics[i]);
        const auto found = in_head.find(key);
        pairs.emplace_back(entry(b, i), found == in_head.end() ? Entry{} : entry(h, found->second));
        in_base.emplace(std::move(key), true);
    }
    for (std::size_t i = 0; i < h.run.metrics.size(); ++i) {
        if (!in_base.contains(key_of(h.run.metrics[i]))) pairs.emplace_back(Entry{}, entry(h, i));
    }

    const std::size_t rounds = std::max(base.size(), head.size());
    const DefaultMeasures defaults(b.run, h.run);
    std::vector<model::Comparison> comparisons;
    std::vector<Options> settings;
    comparisons.reserve(pairs.size());
    settings.reserve(pairs.size());
    for (const auto& [be, he] : pairs) {
        const Gating gating =
            gating_of(he.metric != nullptr ? *he.metric : *be.metric, &per_metric, defaults);
        settings.push_back(gating.gated ? options_of(gating, run) : run);
        comparisons.push_back(compare_entries(be, he, settings.back(), gating, rounds));
    }
    correct(comparisons, settings, run);
    note_permutation_floor(comparisons, settings);
    add_power(comparisons, settings);
    return comparisons;
}

RoundsNeeded rounds_needed(const model::Run& base_round, const model::Run& head_round,
                           const Options& run, const MetricOptions& per_metric) {
    util::StringMap<const model::Metric*> base;
    for (const model::Metric& metric : base_round.metrics) base.emplace(key_of(metric), &metric);
    const DefaultMeasures defaults(base_round, head_round);
    RoundsNeeded needed;
    double smallest_alpha = std::numeric_limits<double>::infinity();
    for (const model::Metric& metric : head_round.metrics) {
        const auto found = base.find(key_of(metric));
        if (found == base.end()) continue;
        ++needed.shared_metrics;
        if (metric.direction == model::Direction::unknown) continue;
        const std::optional<double> h = round_value(metric);
        const std::optional<double> b = round_value(*found->second);
        if (!h || !b || !(*h > 0) || !(*b > 0)) continue;
        if (!model::comparable(found->second->unit, metric.unit)) continue;
        const Gating gating = gating_of(metric, &per_metric, defaults);
        if (!gating.gated) continue;
        ++needed.gated_metrics;
        smallest_alpha = std::min(smallest_alpha, options_of(gating, run).alpha);
    }
    if (needed.gated_metrics == 0) {
        needed.level = run.alpha;
    } else {
        const std::size_t family = run.correction == Correction::none ? 1 : needed.gated_metrics;
        needed.level = smallest_alpha / static_cast<double>(family);
    }
    needed.rounds = stats::wilcoxon_min_pairs(needed.level);
    return needed;
}

}  // namespace caws::compare
