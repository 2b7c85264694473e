#pragma once

#include <CLI/CLI.hpp>

#include "app/baseline_update.hpp"
#include "cli/command.hpp"

namespace caws::cli {

// Adds the options of `baseline update` to its subcommand.
void add_update_options(CLI::App& command, app::UpdateRequest& request);

// Runs app::run_baseline_update and prints what it did: the files written to `out`, a
// refusal (exit 1) or a taken regression to `err`.
int run_update(const app::UpdateRequest& request, const Io& io);

}  // namespace caws::cli
