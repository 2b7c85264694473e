#pragma once

#include <CLI/CLI.hpp>

#include "app/statistics_request.hpp"
#include "gate/scores.hpp"

namespace caws::cli {

// Adds --test, --correction, --ci, --confidence, --seed and --drop-outliers. Values outside
// their sets or ranges are parse errors (exit 2) naming the option and the allowed values.
void add_statistics_options(CLI::App& command, app::StatisticsRequest& request);

// Adds --min-health and --min-trust: the gate fails when a score is below N (0-100).
void add_score_options(CLI::App& command, gate::ScoreGates& score_gates);

}  // namespace caws::cli
