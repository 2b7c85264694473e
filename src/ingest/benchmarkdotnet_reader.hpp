#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads BenchmarkDotNet's JSON exporters (--exporters json, [JsonExporter] and its Brief,
// Full and Compressed variants; BenchmarkDotNet.Artifacts/results/*-report*.json).
//
// - Each benchmark is named by its FullName (or Namespace.Type.Method(Parameters) in
//   files without it), followed by " [JOB]" when its job (from DisplayInfo) is not
//   DefaultJob, so that several jobs of one method stay apart.
// - "time", in seconds, lower is better: the Workload/Result measurements (nanoseconds /
//   operations) when the file has them, else Statistics.OriginalValues, else a summary of
//   Statistics (N, Mean, StandardDeviation, Median, Min, Max, Percentiles P90 and P95).
//   A benchmark whose Statistics is null failed.
// - Metrics (the memory diagnoser and others): one sample per Descriptor.Id, in canonical
//   units, lower is better unless TheGreaterTheBetter; older files' Memory section gives
//   the same measures ("Allocated Memory" in bytes per operation, "Gen0Collects",
//   "Gen1Collects", "Gen2Collects" per 1000 operations).
// - job and Parameters are labels; HostEnvironmentInfo goes to the run's context.
//
// Throws util::Error with the file and JSON pointer for anything else, including a missing
// or empty Benchmarks array, negative or non-finite times and duplicate names.
model::Run parse_benchmarkdotnet(std::string_view text, const model::Source& source,
                                 const ReadOptions& options = {});

// Whether `text` looks like BenchmarkDotNet JSON ("HostEnvironmentInfo" and "Benchmarks"
// at the top level).
bool looks_like_benchmarkdotnet(std::string_view text);

}  // namespace caws::ingest
