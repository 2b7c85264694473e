#pragma once

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "ingest/read_options.hpp"

namespace caws::cli {

// How a command reads results files, as the command line says.
struct InputRequest {
    std::optional<std::string> format;     // --format NAME: force a reader
    std::optional<std::string> direction;  // --direction lower|higher
};

// Adds --format and --direction to a command that reads results files.
void add_input_options(CLI::App& command, InputRequest& inputs);

// The reader options the command line asked for.
ingest::ReadOptions read_options(const InputRequest& inputs);

}  // namespace caws::cli
