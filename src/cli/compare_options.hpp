#pragma once

#include <CLI/CLI.hpp>

#include "app/statistics_request.hpp"

namespace caws::cli {

// Adds --test, --correction, --ci, --confidence, --seed and --drop-outliers. Values outside
// their sets or ranges are parse errors (exit 2) naming the option and the allowed values.
void add_statistics_options(CLI::App& command, app::StatisticsRequest& request);

}  // namespace caws::cli
