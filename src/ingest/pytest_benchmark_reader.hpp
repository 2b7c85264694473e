#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads pytest-benchmark's JSON (pytest --benchmark-json=FILE, or a file saved with
// --benchmark-autosave / --benchmark-save).
//
// - Each benchmark is one metric named by its "fullname" ("bench.py::test_fib[10]"),
//   measure "time", in seconds, lower is better.
// - stats.data are the samples: one time per round, already divided by the iterations of
//   the round (--benchmark-json always writes them; runs saved with --benchmark-save or
//   --benchmark-autosave only with --benchmark-save-data). Without data, or when data holds
//   anything but `rounds` numbers, the stats become a summary (n = rounds, mean, stddev,
//   median, min, max) and a note says why.
// - group, param, params (as "params.NAME") and extra_info (as "extra_info.KEY") are
//   labels; machine_info and commit_info go to the run's context.
//
// Throws util::Error with the file and JSON pointer for anything else, including a
// missing or empty benchmark list, negative or non-finite times and duplicate names.
model::Run parse_pytest_benchmark(std::string_view text, const model::Source& source,
                                  const ReadOptions& options = {});

// Whether `text` looks like pytest-benchmark JSON ("machine_info" and "benchmarks" at the
// top level).
bool looks_like_pytest_benchmark(std::string_view text);

}  // namespace caws::ingest
