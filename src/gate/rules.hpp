#pragma once

#include <optional>
#include <string_view>

#include "compare/comparator.hpp"
#include "gate/gate_file.hpp"
#include "model/run.hpp"

namespace caws::gate {

// What a gate file says about one metric: its defaults, then every matching rule in file
// order (later rules win, field by field).
struct ResolvedSettings {
    MetricSettings settings;
    bool ignored = false;  // excluded from comparisons, findings and the correction
    // Whether the measure is gated: listed in defaults.measures (or the list is empty), or
    // named by the `measure` of a matching rule.
    bool gated = true;
    // Whether the gate file chose: it lists defaults.measures, or a matching rule names
    // the measure. Otherwise the default measures decide (compare/gated_measures.hpp).
    bool measure_chosen = false;
    std::optional<model::Direction> direction;  // set by a rule
};

ResolvedSettings resolve(const Gate& gate, std::string_view name, std::string_view measure);

// The run with the gate's ignored metrics removed and the directions its rules set.
model::Run apply_rules(const Gate& gate, model::Run run);

// `from` with the gate's defaults: statistic, thresholds, alpha, test and correction.
compare::Options run_options(const Gate& gate, compare::Options from);

// Each metric's comparison options under the gate (none for ungated measures) and whether
// the gate file chose its measure, for compare::compare_runs and compare::compare_rounds.
compare::MetricOptions metric_options(const Gate& gate, const compare::Options& run);

}  // namespace caws::gate
