#pragma once

#include <CLI/CLI.hpp>

#include "app/input_request.hpp"

namespace caws::cli {

// Adds --format and --direction to a command that reads results files.
void add_input_options(CLI::App& command, app::InputRequest& inputs);

}  // namespace caws::cli
