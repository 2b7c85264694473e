#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads the text `go test -bench` writes, the Go benchmark format that benchstat reads
// (https://go.googlesource.com/proposal/+/master/design/14313-benchmark-format.md).
//
// - A result line is "BenchmarkName-8  <iterations>  <value> <unit> [<value> <unit>...]",
//   fields separated by spaces or tabs. Each line is one sample of each of its measures;
//   repeated lines of one benchmark (-count N) are its samples, in file order.
// - Units are tidied as benchstat does: ns/op becomes the measure "sec/op" in seconds,
//   MB/s becomes "B/s" in bytes per second (x 1e6); B/op (bytes) and allocs/op (a
//   count) keep their names. All of these are lower-is-better except B/s. Units from
//   b.ReportMetric keep their name: "ns/X" is a time and "MB/X" a size (tidied the same
//   way), a unit ending in "/s" is a rate (higher is better, value as written), any
//   other unit has an unknown direction.
// - The -N suffix is GOMAXPROCS, found as benchstat finds it (a last "-" followed only by
//   digits). It is removed from the metric name and kept as the label "gomaxprocs", so
//   that runs on machines with different core counts compare; when one benchmark was
//   run with several GOMAXPROCS values (-cpu 1,4), its names keep the suffix as written.
// - Configuration lines "key: value" (goos, goarch, pkg, cpu, and any other) go to the
//   run's context; pkg, and any key whose value changes within the file, become labels
//   of the benchmarks read under them. When two packages have a benchmark of the same
//   name, both are named "BenchmarkName (package)".
// - "--- FAIL: BenchmarkX" marks the benchmark failed and "--- SKIP: BenchmarkX" (go test
//   -v) skipped, with the first log line as the message. A bare "BenchmarkX" line (the
//   progress line of go test -v) is skipped; a result line broken by output of the
//   benchmark itself ("BenchmarkX-8  hello" then "  100  115 ns/op") is joined.
//   PASS, ok, FAIL and test log lines are ignored.
//
// Throws util::Error naming the file, line and column for a malformed result line (an
// iteration count that is not a whole number, a value that is not a number, a value
// without a unit), and for a text without any result line.
model::Run parse_go_bench(std::string_view text, const model::Source& source,
                          const ReadOptions& options = {});

// Whether `text` has a Go benchmark result line in its first mebibyte ("BenchmarkName",
// a whole number and more: a malformed result line counts, so that its error is shown).
bool looks_like_go_bench(std::string_view text);

}  // namespace caws::ingest
