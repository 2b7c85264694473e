#pragma once

#include <optional>

#include "gate/gate_file.hpp"
#include "trend/analysis.hpp"

namespace caws::app {

// The levels of a gate file's "trend" section as the trend analysis takes them.
trend::GateRules trend_rules_of(const gate::TrendSettings& settings);

// The levels `check` gives its history's trends: the gate file's "trend" section when it
// has one; otherwise a degrading drift and a recent change point only warn, so that a
// history added next to a baseline never fails a pull request by itself
// (docs/trends.md#trends-in-check).
trend::GateRules check_trend_rules(const std::optional<gate::Gate>& gate);

}  // namespace caws::app
