#pragma once

// Interleaved rounds of two benchmark commands (`caws-gate ab`): every round runs the
// base and the head command once each, in an order drawn from a seed, so that slow
// drifts of the machine (thermal state, other jobs, caches) hit both sides alike and the
// rounds can be compared as pairs.
//
// - Order: round r (from 0) runs head first when the top bit of the (r+1)-th output of
//   stats::Random(seed) (xoshiro256** seeded through splitmix64) is 1. The generator is
//   defined bit for bit, so a seed gives the same orders on every machine.
// - Time limit: `max_seconds` is checked after each round; no round starts once it has
//   passed, and a round is never cut, so the run may overrun by up to one round. The
//   first round always runs whole, even when it alone takes longer than the limit; the
//   record then holds fewer rounds than requested and says Outcome::max_time.
// - Faults stop the run: a command that cannot start, exits non-zero, is killed by a
//   signal or leaves no output file, and an output the reader refuses, each throw
//   util::Error naming the round (from 1), the side, the command, what happened and the
//   last lines of its standard error. No partial result is returned.
// - SIGINT and SIGTERM end the running command's process group (SIGTERM, then SIGKILL
//   after `kill_grace_seconds`) and throw exec::Interrupted (signals.hpp).
// - Files: without `keep_directory`, everything is written to a fresh temporary
//   directory that is removed when run_rounds returns or throws. With it, the directory
//   (created if missing, refused if not empty) keeps base-00.json, head-00.json, ...
//   (.json for Google Benchmark output, .txt for standard output, and for {out} .json,
//   .xml or .txt by the content), base-00.stderr, ..., and manifest.json (manifest.hpp),
//   also when the run fails.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "exec/progress.hpp"
#include "exec/run_record.hpp"
#include "util/error.hpp"

namespace caws::exec {

struct RunPlan {
    std::string base_command;             // as given, one string each
    std::string head_command;
    std::vector<std::string> extra_args;  // appended to both (after `--`)
    std::size_t rounds = 10;              // at least 1
    std::optional<double> max_seconds;    // the time limit, if any
    std::uint64_t seed = 0;
    std::optional<std::string> keep_directory;
    std::string temp_root;    // where the temporary directory goes; empty: $TMPDIR or /tmp
    std::string search_path;  // PATH for program names without '/'; empty: $PATH
    double kill_grace_seconds = 2.0;
};

// One results file for the reader.
struct OutputFile {
    std::size_t round = 0;  // 1-based
    Side side = Side::base;
    std::string path;       // readable until the reader returns
    CaptureMode capture = CaptureMode::standard_output;
};

// The order of the first `count` rounds for `seed`: the side that runs first in each.
std::vector<Side> round_orders(std::uint64_t seed, std::size_t count);

// The rounds that ran, and what the reader made of each side's output: base[i] and
// head[i] belong to record.rounds[i].
template <typename Parsed>
struct RoundsResult {
    RunRecord record;
    std::vector<Parsed> base;
    std::vector<Parsed> head;
};

// Thrown by a reader to end the run for a reason of its own rather than a refused output
// (the rounds asked for cannot answer what the outputs showed): it leaves run_rounds as
// it is, and a kept run's manifest records it as failed with its message.
class StopRun : public util::Error {
  public:
    using util::Error::Error;
};

// The type-erased core of run_rounds: `read` is called once per side and round, after the
// command succeeded; it signals a refused output by throwing util::Error, and ends the run
// for another reason by throwing StopRun.
RunRecord run_rounds_with(const RunPlan& plan, const std::function<void(const OutputFile&)>& read,
                          ProgressSink& progress);

// Runs the rounds of `plan` (see the top of this file). `reader` turns one output file
// into the caller's value (`Parsed reader(const OutputFile&)`), throwing util::Error when
// it cannot. Throws util::Error for bad commands and faults, exec::Interrupted on SIGINT
// or SIGTERM.
template <typename Reader>
auto run_rounds(const RunPlan& plan, Reader&& reader, ProgressSink& progress) {
    using Parsed = std::decay_t<std::invoke_result_t<Reader&, const OutputFile&>>;
    RoundsResult<Parsed> result;
    result.record = run_rounds_with(
        plan,
        [&](const OutputFile& file) {
            (file.side == Side::base ? result.base : result.head).push_back(reader(file));
        },
        progress);
    return result;
}

// Reads the outputs of a kept run (read_manifest) through `reader`, in the order they
// were written. The reader's util::Error passes through; it names the kept file.
RunRecord read_kept_with(const RunRecord& record, const std::function<void(const OutputFile&)>& read);

template <typename Reader>
auto read_kept_rounds(const RunRecord& record, Reader&& reader) {
    using Parsed = std::decay_t<std::invoke_result_t<Reader&, const OutputFile&>>;
    RoundsResult<Parsed> result;
    result.record = read_kept_with(record, [&](const OutputFile& file) {
        (file.side == Side::base ? result.base : result.head).push_back(reader(file));
    });
    return result;
}

}  // namespace caws::exec
