#pragma once

// SIGINT and SIGTERM while benchmark commands run: instead of ending caws-gate at once
// (which would leave the running command and the temporary files behind), they ask the
// run to stop; the runner then ends the command's process group, removes its files and
// throws Interrupted.

#include <string>

#include "util/error.hpp"

namespace caws::exec {

// The run was stopped by SIGINT or SIGTERM. A util::Error, so that a caller that does
// not know it still reports an error (exit code 2); the `ab` command exits with
// exit_code(), the shells' convention for "ended by a signal" (130 for SIGINT, 143 for
// SIGTERM), so that a cancelled CI job is not taken for bad input.
class Interrupted : public util::Error {
  public:
    Interrupted(int signal, const std::string& what);
    int signal() const noexcept { return signal_; }
    int exit_code() const noexcept { return 128 + signal_; }

  private:
    int signal_;
};

// "SIGTERM" for the common signals, "signal 42" for others.
std::string signal_name(int signal);

// While alive, SIGINT and SIGTERM are caught and recorded, and SIGCHLD wakes wait().
// The previous handlers are restored on destruction. Signal dispositions belong to the
// process: only one SignalWatch may be alive at a time (a second throws
// std::logic_error), and it is meant for the thread that runs the commands.
class SignalWatch {
  public:
    SignalWatch();
    ~SignalWatch();
    SignalWatch(const SignalWatch&) = delete;
    SignalWatch& operator=(const SignalWatch&) = delete;

    // The first SIGINT or SIGTERM received, 0 while none was.
    int stop_signal() const;

    // Blocks until a watched signal arrives (a child changed state, or a stop was asked)
    // or `timeout_ms` passes (a negative timeout waits without a limit). A signal that
    // arrived since the previous call returns at once, so nothing is missed between a
    // check and the wait.
    void wait(int timeout_ms);
};

}  // namespace caws::exec
