#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads Benchmark.js results as its suites print them (String(bench) in a "cycle"
// handler):
//
//     fib(10) x 1,431,759 ops/sec ±0.74% (93 runs sampled)
//
// - Each line is a summary of the measure "throughput", operations per second (1/s),
//   higher is better: mean = the printed rate (Benchmark.js's hz, one over the mean time
//   of a run), n = the runs sampled.
// - "±0.74%" is Benchmark.js's relative margin of error: the 95 % confidence half-width
//   of the mean, t(n - 1) * sd / sqrt(n), as a percentage of the mean. The summary's
//   stddev is derived from it with Benchmark.js's own t table:
//   stddev = mean * rme / 100 * sqrt(n) / t(n - 1) (to first order, the relative spread
//   of the time per run is that of the rate).
// - The name is everything before the last " x " of the line, so names may contain
//   " x ". Other lines ("Fastest is ...", errors printed as "name: Error") are ignored.
//
// Throws util::Error naming the file, line and column for a result line that is
// malformed or cut short, for a benchmark printed twice, and for a text without any
// result line.
model::Run parse_benchmarkjs(std::string_view text, const model::Source& source,
                             const ReadOptions& options = {});

// Whether `text` has a Benchmark.js result line in its first mebibyte (one that starts
// like one counts, so that a malformed line gets its error).
bool looks_like_benchmarkjs(std::string_view text);

}  // namespace caws::ingest
