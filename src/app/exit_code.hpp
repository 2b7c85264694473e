#pragma once

#include "model/comparison.hpp"

namespace caws::app {

// Exit codes: the API of the gate (docs/architecture.md, "Errors and exit codes").
enum ExitCode : int {
    k_exit_pass = 0,      // the gate passed (warnings allowed), or a command succeeded
    k_exit_fail = 1,      // the gate failed
    k_exit_usage = 2,     // bad input, configuration or command line; nothing was written
    k_exit_internal = 3,  // a bug
};

// The exit code of a gate's level: fail fails; pass, info and warn pass.
inline ExitCode exit_code_of(model::Level level) {
    return level == model::Level::fail ? k_exit_fail : k_exit_pass;
}

}  // namespace caws::app
