#include "gate/rules.hpp"

#include <algorithm>
#include <utility>

#include "gate/glob.hpp"

namespace caws::gate {
namespace {

compare::Options with_settings(compare::Options options, const MetricSettings& settings) {
    options.statistic = settings.statistic;
    options.thresholds = settings.thresholds;
    options.alpha = settings.alpha;
    options.test = settings.test;
    return options;
}

}  // namespace

ResolvedSettings resolve(const Gate& gate, std::string_view name, std::string_view measure) {
    ResolvedSettings out;
    out.settings = gate.defaults.settings;
    const auto& measures = gate.defaults.measures;
    out.gated =
        measures.empty() || std::find(measures.begin(), measures.end(), measure) != measures.end();
    out.measure_chosen = !measures.empty();
    for (const Rule& rule : gate.rules) {
        if (!rule.measure.empty() && rule.measure != measure) continue;
        if (!glob_match(rule.match, name)) continue;
        if (!rule.measure.empty()) out.gated = out.measure_chosen = true;
        if (rule.ignore) out.ignored = *rule.ignore;
        if (rule.direction) out.direction = rule.direction;
        if (rule.statistic) out.settings.statistic = *rule.statistic;
        if (rule.thresholds) out.settings.thresholds = *rule.thresholds;
        if (rule.alpha) out.settings.alpha = *rule.alpha;
        if (rule.test) out.settings.test = *rule.test;
        if (rule.min_samples) out.settings.min_samples = *rule.min_samples;
        if (rule.levels) out.settings.levels = *rule.levels;
    }
    return out;
}

model::Run apply_rules(const Gate& gate, model::Run run) {
    if (gate.rules.empty()) return run;
    std::vector<model::Metric> kept;
    kept.reserve(run.metrics.size());
    for (model::Metric& metric : run.metrics) {
        const ResolvedSettings resolved = resolve(gate, metric.name, metric.measure);
        if (resolved.ignored) continue;
        if (resolved.direction) metric.direction = *resolved.direction;
        kept.push_back(std::move(metric));
    }
    run.metrics = std::move(kept);
    return run;
}

compare::Options run_options(const Gate& gate, compare::Options from) {
    from = with_settings(std::move(from), gate.defaults.settings);
    from.correction = gate.defaults.correction;
    return from;
}

compare::MetricOptions metric_options(const Gate& gate, const compare::Options& run) {
    return [&gate, run](const model::Metric& metric) {
        const ResolvedSettings resolved = resolve(gate, metric.name, metric.measure);
        compare::MetricGate out;
        out.measure_chosen = resolved.measure_chosen;
        if (resolved.gated) out.options = with_settings(run, resolved.settings);
        return out;
    };
}

}  // namespace caws::gate
