#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads hyperfine's JSON export (hyperfine --export-json FILE).
//
// Each result is a benchmark named by its "command" (the --command-name when given), with
// the measures:
// - "time": the wall-clock "times" of every run as samples, in seconds, lower is better
//   (older files without times: a summary of mean, stddev, median, min and max);
// - "user" and "system": the mean CPU times as summaries (n = runs), in seconds, with an
//   unknown direction: only means of a few milliseconds, reported but not gated;
// - "memory": "memory_usage_byte" of every run (newer hyperfine versions), in bytes,
//   lower is better.
// "parameters" (-P/-L) are labels "parameters.NAME". Runs with a non-zero or missing exit
// code (kept with -i) are counted in the label "failed_runs" and a note.
//
// Throws util::Error with the file and JSON pointer for anything else, including a missing
// or empty result list, negative or non-finite times and duplicate commands.
model::Run parse_hyperfine(std::string_view text, const model::Source& source,
                           const ReadOptions& options = {});

// Whether `text` looks like a hyperfine export (a "results" array whose first element
// has a "command").
bool looks_like_hyperfine(std::string_view text);

}  // namespace caws::ingest
