#pragma once

#include <CLI/CLI.hpp>

#include "app/check_trends.hpp"

namespace caws::cli {

// Adds --history, --no-trends and --history-last to `check`.
void add_check_trend_options(CLI::App& command, app::CheckTrendRequest& request);

}  // namespace caws::cli
