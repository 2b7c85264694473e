#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads Julia BenchmarkTools' JSON (BenchmarkTools.save("results.json", results)): a
// [versions, [values...]] pair whose values are ["TYPE", {fields}] pairs.
//
// - A BenchmarkGroup's keys name its benchmarks, nested groups joined with '/'
//   ("fib/10"); a Trial or TrialEstimate saved on its own is named by its position ("#1").
// - Trial: "time" = its times (samples), "gctime" = its gctimes, in seconds; "memory" in
//   bytes and "allocs" as one sample each. TrialEstimate: one sample of each.
// - time, memory and allocs are lower is better; gctime (mostly zeros, noisy) has an
//   unknown direction: reported, not gated.
// - The group's tags are the label "tags", the Parameters' evals the label "evals"; the
//   Julia and BenchmarkTools versions go to the run's context. Other saved types
//   (Parameters, TrialJudgement, TrialRatio, ...) are skipped with a note.
//
// Throws util::Error with the file and JSON pointer for anything else, including a file
// without any Trial or TrialEstimate and negative or non-finite times.
model::Run parse_julia_benchmarktools(std::string_view text, const model::Source& source,
                                      const ReadOptions& options = {});

// Whether `text` looks like BenchmarkTools JSON (an array whose first element is an object
// with "Julia" or "BenchmarkTools").
bool looks_like_julia_benchmarktools(std::string_view text);

}  // namespace caws::ingest
