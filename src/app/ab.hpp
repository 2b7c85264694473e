#pragma once

// `caws-gate ab`: run a base and a head command alternately in the same job, or read such
// a run kept earlier, compare the rounds as pairs and gate (docs/ab.md).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/exit_code.hpp"
#include "app/gate_setup.hpp"
#include "app/input_request.hpp"
#include "app/statistics_request.hpp"
#include "app/verdict_report.hpp"
#include "compare/paired.hpp"
#include "exec/progress.hpp"
#include "exec/rounds.hpp"
#include "exec/run_record.hpp"
#include "util/environment.hpp"

namespace caws::app {

// The order seed when none is given. Fixed, so that the same commands run in the same
// order in every job unless --seed asks for another (the report names the seed either way).
inline constexpr std::uint64_t k_default_ab_seed = 1;
inline constexpr std::size_t k_default_ab_rounds = 10;

// The significance tests `ab --test` accepts: "auto" and "wilcoxon" both mean the
// Wilcoxon signed-rank test on the pairs.
inline constexpr std::string_view k_ab_tests[] = {"auto", "wilcoxon"};

// Accepts k_ab_tests; throws util::Error("--test", ...) for anything else, saying for the
// tests of `check` that ab compares pairs.
void check_ab_test(const std::string& test);

// A run plan with ab's defaults: k_default_ab_rounds rounds, seed k_default_ab_seed.
exec::RunPlan default_ab_plan();

struct AbRequest {
    // The commands (one string each, split as exec/command_line.hpp says), the arguments
    // after `--`, the rounds, --max-time, the order seed, --keep, and for tests where the
    // temporary directory goes and the PATH.
    exec::RunPlan run = default_ab_plan();
    // --from DIR: analyse the kept run in DIR again; nothing runs, and `run` is not used.
    std::optional<std::string> from_directory;
    std::string test = "auto";  // k_ab_tests
    InputRequest inputs;        // how each round's output is read
    // Correction and confidence; its test, interval method, outlier removal and seed are
    // not used (the pairs have their own test and interval; the order seed seeds the
    // geometric mean's bootstrap and that of a statistic other than the median).
    StatisticsRequest statistics;
    GateRequest gate;
};

// What a report must show about the paired design of a run.
struct AbDesign {
    bool paired = true;
    std::string base_command;  // as given
    std::string head_command;
    std::vector<std::string> extra_args;
    std::size_t rounds_requested = 0;
    std::size_t rounds_run = 0;
    std::optional<std::uint64_t> seed;  // empty for a kept run whose manifest has none
    // The side that ran first in each round: "BH HB BH ..." (B base, H head).
    std::string orders;
    std::optional<double> max_seconds;
    bool stopped_by_max_time = false;
    double elapsed_seconds = 0;
    // The kept directory (--keep, or the one read with --from); empty when the files were
    // temporary.
    std::string directory;
    bool reanalysed = false;  // read with --from
    // The gated metrics, the level their test must reach and the rounds that needs.
    compare::RoundsNeeded needed;
};

struct AbResult : VerdictReport {
    ExitCode exit_code = k_exit_pass;  // k_exit_fail when the verdict fails
    AbDesign design;
};

// Runs the rounds (exec::run_rounds, progress to `progress`), or reads the kept run of
// `from_directory`, reading each output with caws-gate's readers; compares the rounds as
// pairs (compare::compare_rounds) under the gate file's rules, gates (gate::check_gate,
// or the default policy) and finishes with the scores, recommendations and report. The
// report's baseline is labelled "base: COMMAND". Writes no report.
//
// Throws util::Error, before any comparison: for a bad request (a test other than
// k_ab_tests, fewer rounds than the exact test needs at the gate's alpha), a bad gate
// file, a command that fails or whose output cannot be read (exec/rounds.hpp), a kept
// directory that cannot be read or holds a failed run; and when the rounds cannot reach
// the level the correction asks of the gated metrics (compare::rounds_needed, judged
// after the first round): before running more rounds (exec::StopRun), or after a time
// limit or a kept run left too few. Throws exec::Interrupted on SIGINT or SIGTERM.
AbResult run_ab(const AbRequest& request, const util::Environment& environment,
                exec::ProgressSink& progress);

// A duration as --max-time takes it, in seconds: "90s", "10m", "1h", "1m30s", "1h5m" or
// plain seconds ("90", "2.5"). Hours, minutes and seconds come in that order, each at most
// once, each a number (digits with an optional fraction); the total must be positive.
// nullopt for anything else ("10 min", "5ms", "-3", "0").
std::optional<double> parse_duration(std::string_view text);

// "BH HB BH": the side that ran first in each round of `record`.
std::string round_orders_text(const exec::RunRecord& record);

}  // namespace caws::app
