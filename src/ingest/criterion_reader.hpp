#pragma once

#include <string>
#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads Criterion.rs results from its data directory (`target/criterion`, or any folder
// inside it), the richest form: every `<benchmark>/new/` folder holds
//
// - sample.json: {"sampling_mode", "iters": [...], "times": [...]}, total times in
//   nanoseconds; sample i is times[i] / iters[i], in seconds, measure "time", lower is
//   better. When raw.csv says the measurement's unit is not "ns" (a custom
//   Measurement), the values are kept in that unit as the measure of that name.
// - benchmark.json: the benchmark's id ("full_id", the metric name; without the file,
//   the folder's path) and its throughput: {"Bytes": n} or {"BytesDecimal": n} adds the
//   measure "throughput" in bytes per second (n / sample time), {"Elements": n} in
//   elements per second; higher is better. group_id, function_id and value_str are kept
//   as the labels "group", "function" and "parameter".
// - estimates.json: used only when sample.json is missing: the mean, median and std_dev
//   point estimates become a summary.
//
// `base/`, `change/`, `report/` and saved baselines are ignored. Throws util::Error
// naming the file (and a JSON pointer inside it) for unreadable or malformed files, and
// naming the directory when it holds no benchmark.
model::Run read_criterion_directory(const std::string& directory, const model::Source& source);

// Whether `directory` holds Criterion.rs data: a `new/sample.json` or
// `new/benchmark.json` file written by Criterion (looked at by content).
bool looks_like_criterion_directory(const std::string& directory);

// Reads what `cargo bench` prints with Criterion.rs, in either of its forms:
//
// - the default report: "fib 15   time:   [1.2421 µs 1.2475 µs 1.2542 µs]" (the name
//   may stand on the line before), optionally followed by "thrpt:  [...]". The middle
//   figure, Criterion's estimate of the time per iteration, becomes the summary's mean
//   (measure "time", seconds), with n from "Collecting N samples" or "among N
//   measurements"; the interval is not kept. A throughput becomes the measure
//   "throughput" (bytes or elements per second, higher is better). "change:" blocks,
//   comparing with Criterion's own saved baseline, are ignored.
// - --output-format bencher: "test fib 15 ... bench: 1220 ns/iter (+/- 36)", Criterion's
//   median and standard deviation, which become the summary's median and stddev.
//
// A benchmark that panicked after its "Benchmarking NAME" line is failed with the panic
// as the message. cargo's "Running benches/x.rs" lines name the bench target (label
// "target"; names found in two targets are qualified as "name (target)").
//
// Throws util::Error naming the file, line and column for a malformed or cut-short
// result line, a benchmark reported twice, and a text without any result.
model::Run parse_criterion(std::string_view text, const model::Source& source,
                           const ReadOptions& options = {});

// Whether `text` (its first mebibyte) is Criterion.rs console output: a "time:   [...]"
// result line, or bencher-style lines together with a line only Criterion prints
// ("Gnuplot not found", a mention of Criterion.rs), or its "Benchmarking NAME: Warming
// up for" progress lines.
bool looks_like_criterion(std::string_view text);

}  // namespace caws::ingest
