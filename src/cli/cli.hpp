#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "util/environment.hpp"

namespace caws::cli {

// Exit codes: the API of the gate (DESIGN.md, "Errors and exit codes").
enum ExitCode : int {
    k_exit_pass = 0,      // the gate passed (warnings allowed), or a command succeeded
    k_exit_fail = 1,      // the gate failed
    k_exit_usage = 2,     // bad input, configuration or command line; nothing was written
    k_exit_internal = 3,  // a bug
};

// Runs caws-gate with `args` (without the program name), writing reports to `out` and
// errors and warnings to `err`. Never throws.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        const util::Environment& environment = util::system_environment());

// The process entry point: run() on the real streams.
int main(int argc, char** argv);

}  // namespace caws::cli
