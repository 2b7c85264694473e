#include "app/gate_setup.hpp"

#include <algorithm>

#include "gate/rules.hpp"
#include "util/file_io.hpp"

namespace caws::app {

std::optional<gate::Gate> read_gate_file(const std::optional<std::string>& path) {
    if (path) return gate::load_gate(*path);
    const std::string fallback(gate::k_default_gate_path);
    if (util::file_exists(fallback)) return gate::load_gate(fallback);
    return std::nullopt;
}

GateSetup gate_setup(const GateRequest& request, const StatisticsRequest& statistics) {
    GateSetup setup;
    setup.gate = read_gate_file(request.path);
    setup.options = comparison_options(statistics);
    if (setup.gate) {
        gate::Gate& gate = *setup.gate;
        if (request.override_test) gate.defaults.settings.test = setup.options.test;
        if (request.override_correction) gate.defaults.correction = setup.options.correction;
        setup.options = gate::run_options(gate, setup.options);
        setup.score_gates = {gate.scores.min_health, gate.scores.min_trust};
    }
    // Each limit given with the request replaces the gate file's.
    const gate::ScoreGates& given = request.score_gates;
    if (given.min_health) setup.score_gates.min_health = given.min_health;
    if (given.min_trust) setup.score_gates.min_trust = given.min_trust;
    return setup;
}

bool compares_other_statistics(const GateSetup& setup) {
    static constexpr auto median = compare::Statistic::median;
    if (setup.options.statistic != median) return true;
    if (!setup.gate) return false;
    if (setup.gate->defaults.settings.statistic != median) return true;
    return std::any_of(
        setup.gate->rules.begin(), setup.gate->rules.end(),
        [](const gate::Rule& rule) { return rule.statistic.value_or(median) != median; });
}

}  // namespace caws::app
