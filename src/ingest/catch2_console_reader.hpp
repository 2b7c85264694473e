#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads the benchmark tables of Catch2's console reporter (v2 and v3, the default
// output of a test binary run with benchmarks):
//
//     benchmark name                       samples       iterations    estimated
//                                          mean          low mean      high mean
//                                          std dev       low std dev   high std dev
//     -------------------------------------------------------------------------------
//     fibonacci 10                                    20           407     431.42 us
//                                             56.9829 ns     53.672 ns    69.8367 ns
//                                             13.6172 ns    0.94075 ns    27.0786 ns
//
// - Each benchmark is a summary in seconds (measure "time", lower is better): n is the
//   samples column, mean and stddev the first figures of the mean and std dev rows; the
//   bootstrap bounds and the estimated duration are not kept. With
//   --benchmark-no-analysis the table has a single "mean" column, read as the mean.
// - Names that Catch2 wraps over several lines are joined with spaces (the continuation
//   may also start the mean row, as some versions print it). "0 ns" is a valid value.
// - The test case (and section) a table belongs to is kept as the labels "test_case"
//   and "section"; a benchmark name found in two test cases is qualified as
//   "name (test case)". A benchmark that Catch2 ran again because its test case has
//   several sections keeps its first result, with a note.
// - "Benchmark failed (message)" marks the benchmark failed. The "... is a Catch v2.13.10
//   host application" line gives the context's executable and "catch2_version".
//
// Throws util::Error naming the file, line and column for a row that is malformed or cut
// short (a value that is not a number, a unit that is not a time unit, a missing mean
// or std dev row), and for a text without any benchmark.
model::Run parse_catch2_console(std::string_view text, const model::Source& source,
                                const ReadOptions& options = {});

// Whether `text` has Catch2's "benchmark name ... samples ... iterations" table header in
// its first mebibyte.
bool looks_like_catch2_console(std::string_view text);

}  // namespace caws::ingest
