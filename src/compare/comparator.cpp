#include "compare/comparator.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "compare/statistic.hpp"
#include "stats/mann_whitney.hpp"
#include "util/string_map.hpp"

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

std::string sizes(std::size_t a, std::size_t b) {
    return std::to_string(a) + " vs " + std::to_string(b);
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
                                 const Options& options) {
    model::Comparison c;
    const model::Metric& any = candidate != nullptr ? *candidate : *baseline;
    c.metric = any.name;
    c.measure = any.measure;
    c.unit = any.unit;
    c.direction = any.direction;
    c.gated = any.direction != model::Direction::unknown;
    if (baseline != nullptr) c.n_baseline = baseline->sample_count();
    if (candidate != nullptr) c.n_candidate = candidate->sample_count();

    if (candidate == nullptr) {
        c.change = model::ChangeClass::removed;
        c.baseline = statistic_value(*baseline, Statistic::median);
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
    // The median on both sides; when a side only has a summary without it, the mean.
    Statistic statistic = Statistic::median;
    c.candidate = statistic_value(*candidate, statistic);
    if (baseline == nullptr || baseline->status != model::Status::ok) {
        if (!c.candidate) {
            statistic = Statistic::mean;
            c.candidate = statistic_value(*candidate, statistic);
        }
        c.statistic = to_string(statistic);
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
    c.baseline = statistic_value(*baseline, statistic);
    if (!c.baseline || !c.candidate) {
        statistic = Statistic::mean;
        c.baseline = statistic_value(*baseline, statistic);
        c.candidate = statistic_value(*candidate, statistic);
    }
    c.statistic = to_string(statistic);
    if (!c.baseline || !c.candidate) {
        c.notes.push_back("no common statistic (median or mean) on both sides: not compared");
        return c;
    }
    const double ratio = oriented_ratio(*c.baseline, *c.candidate, c.direction);
    c.ratio = ratio;

    const bool both_have_samples = !baseline->samples.empty() && !candidate->samples.empty();
    bool conclusive = true;
    if (!both_have_samples) {
        c.notes.push_back("no individual samples on both sides: the ratio alone decides");
    } else if (stats::mann_whitney_min_p(baseline->samples.size(), candidate->samples.size()) >=
               options.alpha) {
        c.notes.push_back("too few samples to test (" +
                          sizes(baseline->samples.size(), candidate->samples.size()) +
                          "): the ratio alone decides");
    } else {
        const stats::MannWhitneyResult test =
            stats::mann_whitney_u(baseline->samples, candidate->samples);
        c.tested = true;
        c.test = test.exact ? "mann-whitney-exact" : "mann-whitney-asymptotic";
        c.p_value = test.p_value;
        conclusive = test.p_value < options.alpha;
    }
    if (c.gated) {
        c.change = classify(ratio, conclusive, options.thresholds);
    } else {
        c.notes.push_back("direction unknown: reported, not gated");
    }
    return c;
}

std::vector<model::Comparison> compare_runs(const model::Run& baseline,
                                            const model::Run& candidate, const Options& options) {
    const auto key_of = [](const model::Metric& metric) {
        return metric.name + '\x1f' + metric.measure;
    };
    util::StringMap<const model::Metric*> candidates;
    candidates.reserve(candidate.metrics.size());
    for (const model::Metric& metric : candidate.metrics) candidates.emplace(key_of(metric), &metric);

    std::vector<model::Comparison> comparisons;
    comparisons.reserve(baseline.metrics.size() + 8);
    util::StringMap<bool> in_baseline;
    in_baseline.reserve(baseline.metrics.size());
    for (const model::Metric& metric : baseline.metrics) {
        std::string key = key_of(metric);
        const auto found = candidates.find(key);
        comparisons.push_back(
            compare_metric(&metric, found == candidates.end() ? nullptr : found->second, options));
        in_baseline.emplace(std::move(key), true);
    }
    for (const model::Metric& metric : candidate.metrics) {
        if (!in_baseline.contains(key_of(metric))) {
            comparisons.push_back(compare_metric(nullptr, &metric, options));
        }
    }
    return comparisons;
}

}  // namespace caws::compare
