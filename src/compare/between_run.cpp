#include "compare/between_run.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "compare/comparator.hpp"
#include "model/quantity_format.hpp"
#include "stats/descriptive.hpp"
#include "stats/run_spread.hpp"

namespace caws::compare {
namespace {

std::string runs_text(std::size_t n) {
    return std::to_string(n) + (n == 1 ? " run" : " runs");
}

// A metric's noise by name and measure, and by the statistic for another than the median.
std::string key_of(const std::string& name, const std::string& measure,
                   const std::string& statistic) {
    std::string key = name + '\x1f' + measure;
    if (statistic != "median") key += '\x1f' + statistic;
    return key;
}

// An interval of log values, as an oriented ratio to the baseline's value.
model::Interval oriented_prediction_interval(double log_low, double log_high, double baseline,
                                             model::Direction direction) {
    const double low = std::exp(log_low) / baseline;
    const double high = std::exp(log_high) / baseline;
    if (direction == model::Direction::higher) return {1 / high, 1 / low};
    return {low, high};
}

// The range of the history as an oriented ratio to the baseline's value, widened by
// `margin` robust standard deviations; empty when it does not make a finite ratio.
std::optional<model::HistoryRange> history_range_of(const stats::LogRange& range, double margin,
                                                    double baseline, double log_candidate,
                                                    model::Direction direction) {
    const double low = range.low - margin * range.robust_sd;
    const double high = range.high + margin * range.robust_sd;
    if (!std::isfinite(std::exp(high) / baseline) || !(std::exp(low) / baseline > 0)) {
        return std::nullopt;
    }
    model::HistoryRange out;
    out.runs = range.runs;
    out.robust_sd = range.robust_sd;
    out.margin = margin;
    out.interval = oriented_prediction_interval(low, high, baseline, direction);
    out.within = log_candidate >= low && log_candidate <= high;
    return out;
}

// "2", "2.5"
std::string margin_text(double margin) {
    if (margin == std::round(margin)) return std::to_string(static_cast<long long>(margin));
    return model::format_number(margin);
}

std::string within_note(const model::BetweenRun& b) {
    if (!b.within && b.range && b.range->within) {
        const model::HistoryRange& r = *b.range;
        return "within the range of " + std::to_string(r.runs) + " runs of the history: their " +
               b.statistic + "s reach " + model::format_ratio(r.interval.low) + "-" +
               model::format_ratio(r.interval.high) + " (the extremes widened by " +
               margin_text(r.margin) + " robust standard deviations of " +
               model::format_percent(r.robust_sd) +
               "), so runs of the same code have been this far: the change is classed unchanged";
    }
    return "within the between-run noise of " + std::to_string(b.runs) +
           " runs of the history: a new run's " + b.statistic + " falls within " +
           model::format_ratio(b.interval.low) + "-" + model::format_ratio(b.interval.high) + " (" +
           model::format_plain_percent(b.level) + "), so the change is classed unchanged";
}

// The between-run view of one comparison; empty when it has none.
std::optional<model::BetweenRun> between_run_of(const model::Comparison& c,
                                                const model::Metric& baseline,
                                                const model::Metric& candidate,
                                                const MetricRunNoise& noise, double alpha,
                                                double margin) {
    if (noise.unit != candidate.unit.symbol) return std::nullopt;
    // The median as the history records it; another statistic as the comparison has it.
    const bool median = c.statistic == "median";
    const std::optional<double> b = median ? run_value(baseline) : c.baseline;
    const std::optional<double> s = median ? run_value(candidate) : c.candidate;
    if (!b || !s || !(*b > 0) || !(*s > 0) || !std::isfinite(*b) || !std::isfinite(*s)) {
        return std::nullopt;
    }
    const double level = 1 - alpha;
    const auto interval =
        stats::prediction_interval(noise.centre, noise.pooled_sd, noise.df, noise.runs, level);
    if (!interval || !std::isfinite(std::exp(interval->high) / *b) ||
        !(std::exp(interval->low) / *b > 0)) {
        return std::nullopt;
    }
    model::BetweenRun out;
    out.runs = noise.runs;
    out.statistic = c.statistic;
    out.sd = noise.sd;
    out.pooled_sd = noise.pooled_sd;
    out.df = noise.df;
    out.level = level;
    out.interval = oriented_prediction_interval(interval->low, interval->high, *b, c.direction);
    const double log_candidate = std::log(*s);
    out.within = log_candidate >= interval->low && log_candidate <= interval->high;
    if (noise.range) {
        out.range = history_range_of(*noise.range, margin, *b, log_candidate, c.direction);
    }
    return out;
}

}  // namespace

std::size_t between_run_window(std::size_t baseline_runs, const BetweenRunOptions& options) {
    return std::max({baseline_runs, options.min_runs, std::size_t{1}});
}

std::size_t history_range_window(std::size_t baseline_runs, const BetweenRunOptions& options) {
    return std::max(options.range_runs, between_run_window(baseline_runs, options));
}

void add_history_range(BetweenRunNoise& noise, const std::vector<RunValues>& history,
                       const BetweenRunOptions& options) {
    noise.range_margin = options.range_margin;
    if (!noise.known()) return;
    for (const RunValues& values : history) {
        if (values.values.size() < options.range_min_runs) continue;
        const auto found =
            noise.metrics.find(key_of(values.name, values.measure, values.statistic));
        if (found == noise.metrics.end()) continue;
        found->second.range = stats::log_range(values.values);
    }
}

std::optional<double> run_value(const model::Metric& metric) {
    if (!metric.samples.empty()) return stats::median(metric.samples);
    if (!metric.summary) return std::nullopt;
    if (metric.summary->median) return metric.summary->median;
    return metric.summary->mean;
}

BetweenRunNoise fit_between_run_noise(const std::vector<RunValues>& history, std::size_t runs,
                                      std::size_t min_runs) {
    BetweenRunNoise noise;
    noise.runs = runs;
    noise.min_runs = min_runs;
    if (!noise.known()) return noise;

    // Each metric's spread, grouped by measure for the pooling.
    struct Fitted {
        const RunValues* values;
        stats::LogSpread spread;
    };
    // Pooled per measure and statistic: a p95 moves between runs more than a median.
    std::map<std::pair<std::string, std::string>, std::vector<Fitted>> by_measure;
    for (const RunValues& values : history) {
        if (const auto spread = stats::log_spread(values.values)) {
            by_measure[{values.measure, values.statistic}].push_back({&values, *spread});
        }
    }
    for (const auto& [group, fitted] : by_measure) {
        const auto& [measure, statistic] = group;
        std::vector<double> variances, dfs;
        for (const Fitted& f : fitted) {
            variances.push_back(f.spread.variance);
            dfs.push_back(f.spread.df);
        }
        const stats::ModeratedVariances pooled =
            stats::moderate_variances(variances, dfs, k_min_metrics_for_prior);
        for (std::size_t i = 0; i < fitted.size(); ++i) {
            const stats::LogSpread& spread = fitted[i].spread;
            // Without a prior a metric's own variance must rest on enough runs.
            if (!pooled.prior && spread.runs < min_runs) continue;
            MetricRunNoise metric;
            metric.runs = spread.runs;
            metric.centre = spread.mean;
            if (spread.runs >= 2) metric.sd = std::sqrt(spread.variance);
            metric.pooled_sd = std::sqrt(pooled.posterior[i].variance);
            metric.df = pooled.posterior[i].df;
            metric.unit = fitted[i].values->unit;
            noise.metrics.emplace(key_of(fitted[i].values->name, measure, statistic),
                                  std::move(metric));
        }
    }
    return noise;
}

void apply_between_run_noise(
    std::vector<model::Comparison>& comparisons,
    std::span<const std::pair<const model::Metric*, const model::Metric*>> pairs,
    std::span<const Options* const> settings, const BetweenRunNoise& noise) {
    if (!noise.known()) return;
    for (std::size_t i = 0; i < comparisons.size() && i < pairs.size(); ++i) {
        model::Comparison& c = comparisons[i];
        const auto [baseline, candidate] = pairs[i];
        if (!c.gated || !c.ratio || baseline == nullptr || candidate == nullptr) continue;
        const auto found = noise.metrics.find(key_of(c.metric, c.measure, c.statistic));
        if (found == noise.metrics.end()) continue;
        c.between_run = between_run_of(c, *baseline, *candidate, found->second, settings[i]->alpha,
                                       noise.range_margin);
        if (!c.between_run) continue;
        if (!c.between_run->within && !(c.between_run->range && c.between_run->range->within)) {
            continue;
        }
        if (model::is_change(c.change)) {
            c.between_run->reclassified_from = c.change;
            c.change = model::ChangeClass::unchanged;
            c.notes.push_back(within_note(*c.between_run));
        }
    }
}

std::string unknown_reason(const BetweenRunSummary& summary) {
    const std::string needed = std::to_string(summary.min_runs) + " needed";
    const std::string one_run =
        summary.rerun ? "the baseline is one run: the verdict rests on one run of the baseline, "
                        "and on this run with a rerun that confirmed its regressions"
                      : "the baseline is one run: the verdict rests on one run of each side";
    if (summary.history.empty()) {
        if (summary.baseline_runs <= 1) return "there is no history and " + one_run;
        return "there is no history (" + needed + ")";
    }
    std::string text = "the history has " + runs_text(summary.runs) + " (" + needed + ")";
    if (summary.baseline_runs <= 1) text += " and " + one_run;
    return text;
}

void count_between_run(const std::vector<model::Comparison>& comparisons,
                       BetweenRunSummary& summary) {
    std::vector<double> sds;
    summary.metrics = 0;
    summary.reclassified = 0;
    summary.range_runs = 0;
    summary.range_reclassified = 0;
    for (const model::Comparison& c : comparisons) {
        if (!c.between_run) continue;
        const model::BetweenRun& b = *c.between_run;
        ++summary.metrics;
        if (b.range) summary.range_runs = std::max(summary.range_runs, b.range->runs);
        if (b.reclassified_from) {
            ++summary.reclassified;
            if (!b.within) ++summary.range_reclassified;
        }
        sds.push_back(b.pooled_sd);
    }
    summary.median_sd.reset();
    if (!sds.empty()) summary.median_sd = stats::median(sds);
}

}  // namespace caws::compare
