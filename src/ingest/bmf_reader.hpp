#pragma once

#include <string_view>

#include "ingest/read_options.hpp"
#include "model/run.hpp"

namespace caws::ingest {

// Reads Bencher Metric Format JSON:
// {"BENCHMARK": {"MEASURE": {"value": V, "lower_value": L, "upper_value": U}}}.
//
// - Each (benchmark, measure) is a metric with one sample, V.
// - Bencher's built-in measures have units and directions: latency (nanoseconds, to
//   seconds, lower is better), throughput (operations per second, higher), build-time
//   (seconds, lower), file-size (bytes, lower), instructions, cycles, estimated-cycles,
//   l1-accesses, l2-accesses and ram-accesses (counts, lower), and the DHAT measures
//   "Total Bytes", "Max Bytes", "Final Bytes" (bytes, lower) and "Total Blocks",
//   "Max Blocks", "Final Blocks" (counts, lower).
// - Any other measure is kept as written with an unknown direction (see --direction).
// - lower_value and upper_value are labels, as written.
//
// Throws util::Error with the file and JSON pointer for anything else, including an empty
// object, a measure without "value" and a non-finite value.
model::Run parse_bmf(std::string_view text, const model::Source& source,
                     const ReadOptions& options = {});

// Whether `text` looks like BMF: {"name": {"measure": {"value" (or lower_value,
// upper_value) ... at the start.
bool looks_like_bmf(std::string_view text);

}  // namespace caws::ingest
