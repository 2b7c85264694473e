#pragma once

// How the results of a benchmark command are captured, decided once per command before
// the first round, in this order:
//
//   1. output_file: the command contains `{out}`. caws-gate replaces it with the path of
//      a fresh file for every run and reads that file afterwards (the command's standard
//      output is discarded).
//   2. google_benchmark: the command runs, without a shell, a Google Benchmark
//      executable. The program named first is found through PATH as execvp finds it,
//      and is one when its file mentions "benchmark_out_format" or links a shared library
//      whose name starts with "libbenchmark" (a DT_NEEDED entry of the ELF file).
//      caws-gate appends --benchmark_out=FILE --benchmark_out_format=json, and
//      --benchmark_repetitions=1 unless the command (or an extra argument) already sets
//      --benchmark_repetitions; it reads FILE (standard output, the console table, is
//      discarded). A command run through a shell is never this mode.
//   3. standard_output: anything else. The command's standard output is the results
//      (`go test -bench . -count 1`).
//
// In every mode the standard error goes to a file of its own, and its last lines are
// quoted when the command fails.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exec/command_line.hpp"

namespace caws::exec {

enum class CaptureMode { output_file, google_benchmark, standard_output };

// The identifier of a mode in manifests: "output-file", "google-benchmark", "stdout".
std::string_view capture_mode_id(CaptureMode mode);
// The mode with this identifier, or nullopt.
std::optional<CaptureMode> find_capture_mode(std::string_view id);

// A command ready to run in every round.
struct PreparedCommand {
    CommandLine line;
    std::vector<std::string> extra;  // appended arguments (after `--`)
    CaptureMode capture = CaptureMode::standard_output;
    std::string program;  // the file executed: resolved argv[0], or /bin/sh

    // The argv of one run writing its results to `output_path` (ignored when the results
    // are the standard output).
    std::vector<std::string> argv(std::string_view output_path) const;
};

// Splits `text` (command_line.hpp), finds its program through `search_path` (PATH) and
// decides the capture mode. `name` names the command in errors ("--base"). Throws
// util::Error(name, "", ...) when the text does not split or its program cannot be found
// or is not executable.
PreparedCommand prepare_command(std::string_view text, std::string_view name,
                                std::span<const std::string> extra, std::string_view search_path);

}  // namespace caws::exec
