#pragma once

#include <optional>
#include <string>

#include "app/statistics_request.hpp"
#include "compare/comparator.hpp"
#include "gate/gate_file.hpp"
#include "gate/scores.hpp"

namespace caws::app {

// The gate file at `path`, else gates/default.json (from the working directory) when it
// exists, else none. Throws util::Error for a file that cannot be read or is invalid.
std::optional<gate::Gate> read_gate_file(const std::optional<std::string>& path);

// How a gating use case asks for its gate.
struct GateRequest {
    std::optional<std::string> path;  // the gate file (read_gate_file)
    // Whether the statistics request's test and correction were chosen by the user: then
    // they replace the gate file's defaults; otherwise the gate file's defaults hold.
    bool override_test = false;
    bool override_correction = false;
    gate::ScoreGates score_gates;  // each limit set replaces the gate file's
};

// What a verdict is reached with, settled before any comparison: the gate file, the
// run-wide comparison options and the minimum scores.
struct GateSetup {
    std::optional<gate::Gate> gate;  // none: the default policy (gate::evaluate)
    compare::Options options;        // with the gate file's defaults (gate::run_options)
    gate::ScoreGates score_gates;    // no limit set: the scores do not gate
};

// Reads the gate file and settles the options: `statistics`, under the gate file's
// defaults except where the request overrides them. Throws util::Error for an invalid
// gate file or statistics request.
GateSetup gate_setup(const GateRequest& request, const StatisticsRequest& statistics);

// Whether some metric may be compared on a statistic other than the median: the run's
// options, the gate file's defaults or one of its rules ask for one.
bool compares_other_statistics(const GateSetup& setup);

}  // namespace caws::app
