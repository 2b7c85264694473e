#pragma once

// Sizes caws-gate refuses to go beyond, so that hostile inputs end in a clear error (exit
// 2) instead of a crash or an exhausted runner. docs/security.md lists each with its
// message; keep the two in step.

#include <cstddef>

namespace caws::util {

// Bytes in one input file (results, gate, baseline, history, report, template).
inline constexpr std::size_t k_max_input_bytes = std::size_t{256} << 20;  // 256 MiB
// Bytes in one benchmark name, measure name or label key.
inline constexpr std::size_t k_max_name_bytes = 4096;
// Bytes in one line of a line-based text format (go, rust-libtest, catch2-console,
// series-csv, benchmarkjs): bounds the names a text reader copies.
inline constexpr std::size_t k_max_line_bytes = 65536;
// Metrics (measures of benchmarks) in one run, after merging every results file.
inline constexpr std::size_t k_max_metrics = 100000;
// Nesting of arrays and objects in a JSON input.
inline constexpr std::size_t k_max_json_depth = 1024;

}  // namespace caws::util
