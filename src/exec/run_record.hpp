#pragma once

// What a run of interleaved rounds did: the two commands as given and as run, and for
// every round the order of the two sides, their wall times and the files they left. The
// same record comes back from run_rounds and from read_manifest (a kept run read again).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exec/capture.hpp"

namespace caws::exec {

enum class Side { base, head };

// "base", "head"
std::string_view side_name(Side side);
Side other_side(Side side);

// A command as it was set up before round 1.
struct SideSetup {
    std::string command;            // as given
    std::vector<std::string> argv;  // as run, with "{out}" standing for each round's file
    bool shell = false;             // run through /bin/sh -c
    CaptureMode capture = CaptureMode::standard_output;
};

// One side's run in one round.
struct SideRun {
    double seconds = 0;       // wall time of the command
    std::string output;       // the results file, relative to the run's directory
    std::string stderr_file;  // its standard error, relative too (may be empty when read back)
};

struct RoundRecord {
    std::size_t number = 0;  // 1-based, as in messages
    Side first = Side::base;  // the side that ran first
    SideRun base;
    SideRun head;

    const SideRun& run(Side side) const { return side == Side::base ? base : head; }
    SideRun& run(Side side) { return side == Side::base ? base : head; }
};

// How a run ended. Only complete and max_time come back from run_rounds; failed and
// interrupted are written into the manifest of a kept run that stopped on an error.
enum class Outcome { complete, max_time, failed, interrupted };

// "complete", "max-time", "failed", "interrupted"
std::string_view outcome_id(Outcome outcome);
std::optional<Outcome> find_outcome(std::string_view id);

struct RunRecord {
    std::string tool;  // "caws-gate 0.1.0"
    std::optional<std::uint64_t> seed;
    std::size_t rounds_requested = 0;
    std::optional<double> max_seconds;
    SideSetup base;
    SideSetup head;
    std::vector<std::string> extra_args;
    std::vector<RoundRecord> rounds;  // the rounds that completed, in order
    Outcome outcome = Outcome::complete;
    std::string error;  // the message, when failed or interrupted
    double elapsed_seconds = 0;
    // The directory the files are in (the --keep directory, or the one read back); empty
    // when the run's files were temporary and are gone.
    std::string directory;

    const SideSetup& setup(Side side) const { return side == Side::base ? base : head; }
};

}  // namespace caws::exec
