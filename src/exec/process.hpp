#pragma once

// Running one benchmark command: in a process group of its own (so that ending it ends
// everything it started, and a Ctrl-C on the terminal reaches caws-gate only), standard
// input from /dev/null, standard output and error into files.

#include <cstddef>
#include <string>
#include <vector>

namespace caws::exec {

class SignalWatch;

struct ProcessRequest {
    std::string program;            // the file to execute (already resolved, no PATH search)
    std::vector<std::string> argv;  // argv[0] included
    std::string stdout_path;        // empty: /dev/null
    std::string stderr_path;        // empty: /dev/null
};

struct ProcessOutcome {
    int start_error = 0;  // errno when the program could not be started, else 0
    int exit_code = 0;    // when it exited (signal == 0)
    int signal = 0;       // the signal that ended it, 0 when it exited
    double seconds = 0;   // wall time from start to exit

    bool succeeded() const { return start_error == 0 && signal == 0 && exit_code == 0; }
};

// Runs the program to its end. While it runs, a stop asked through `signals` (SIGINT,
// SIGTERM) ends its process group: SIGTERM, then SIGKILL after `grace_seconds` when
// something in the group is still there; the process is reaped and exec::Interrupted is
// thrown. Throws util::Error when an output file cannot be created.
ProcessOutcome run_process(const ProcessRequest& request, SignalWatch& signals,
                           double grace_seconds);

// "exited with status 3", "was killed by signal 9 (SIGKILL)", "could not start: Permission
// denied".
std::string describe_outcome(const ProcessOutcome& outcome);

// The last `count` lines of a text file (each cut to a few hundred bytes), for error
// messages; empty when the file is empty or missing.
std::vector<std::string> last_lines(const std::string& path, std::size_t count);

}  // namespace caws::exec
