#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/exit_code.hpp"
#include "util/environment.hpp"

namespace caws::cli {

// The exit codes (app/exit_code.hpp) under their command-line names: cli::k_exit_fail.
using app::ExitCode;
using enum app::ExitCode;

// Runs caws-gate with `args` (without the program name), writing reports to `out` and
// errors and warnings to `err`. Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const util::Environment& environment = util::system_environment());

// The process entry point: run() on the real streams.
int main(int argc, char** argv);

}  // namespace caws::cli
