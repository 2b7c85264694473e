#include "app/trend_rules.hpp"

namespace caws::app {

trend::GateRules trend_rules_of(const gate::TrendSettings& settings) {
    trend::GateRules rules;
    rules.degrading = settings.degrading;
    rules.change_point = settings.change_point;
    rules.change_point_within = settings.change_point_within;
    rules.min_magnitude = settings.min_magnitude;
    return rules;
}

trend::GateRules check_trend_rules(const std::optional<gate::Gate>& gate) {
    if (gate && gate->trend) return trend_rules_of(*gate->trend);
    trend::GateRules rules;
    rules.degrading = model::Level::warn;
    rules.change_point = model::Level::warn;
    return rules;
}

}  // namespace caws::app
