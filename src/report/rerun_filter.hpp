#pragma once

// The command-line argument that makes a benchmark tool run only some of its benchmarks,
// so that a failing check can be rerun on its regressions alone and confirmed
// (`check --confirm`, docs/ci.md). One row per results format that has such an argument
// (rerun_filter.cpp); every other format is rerun whole.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/run.hpp"

namespace caws::report {

// The one argument (a single argv element) that selects `benchmarks` in the tool of
// `format` (an ingest format id), or nullopt when the format has no filter or a name
// cannot be written in it. `benchmarks` are metric names as the format's reader wrote them;
// `candidate` is the run they come from (its labels say, for Go, which names carry a
// GOMAXPROCS suffix). The filter selects every named benchmark and as few others as its
// syntax allows:
//   google-benchmark  --benchmark_filter=^(BM_A|BM_B/1024)$   (regular expression over the
//                     full name; metacharacters escaped)
//   pytest-benchmark  -k=test_a or test_b[1-2]   (pytest's -k matches substrings: a
//                     name may select a few more tests)
//   go                -bench=^BenchmarkA$|^BenchmarkB$/^sub$   (one pattern per level)
// Characters that could read as Markdown HTML (< >) are written as bracket expressions,
// and control characters as `.`, so that the argument is inert in a report.
std::optional<std::string> rerun_filter(std::string_view format,
                                        const std::vector<std::string>& benchmarks,
                                        const model::Run& candidate);

// `argument` as one word of a POSIX shell: an option's value after its first '=' (or the
// whole argument) in single quotes: "--benchmark_filter='^(A|B)$'".
std::string shell_word(std::string_view argument);

}  // namespace caws::report
